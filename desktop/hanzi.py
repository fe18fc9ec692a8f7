"""Traditional → simplified for the words a 要点 is built from.

Traditional-Chinese reprints of a 要点 must parse the same way; this maps the characters that
occur in clause keywords, unit names and headings. Only characters that are never correct in
simplified text are listed, so converting simplified text is a no-op.
"""

from __future__ import annotations

_PAIRS = (
    "牽牵頭头負负責责實实單单會会關关門门別别職职務务開开發发區区縣县機机構构辦办廳厅員员"
    "備备與与為为於于對对據据強强進进應应當当將将業业資资經经濟济財财稅税險险監监審审計计"
    "衛卫計计環环護护農农國国東东龍龙長长處处體体華华陽阳園园廣广銀银鄉乡鎮镇車车運运輸输"
    "電电話话網网絡络資资訊讯報报紙纸媒媒聞闻傳传導导論论議议評评價价標标準准規规範范劃划"
    "劃划歸归類类項项據据動动態态權权線线點点試试驗验證证書书記记錄录檔档級级屬属濟济屬属"
    "訂订學学習习師师醫医療疗藥药衛卫饑饥飲饮療疗災灾難难救救濟济貧贫戶户籍籍證证務务費费"
    "稅税徵征收收稽稽錢钱幣币貿贸買买賣卖場场產产價价導导權权勞劳動动災灾險险層层廠厂礦矿"
    "舊旧號号時时間间歲岁問问題题決决採采選选設设區区係系統统組组織织響响應应圍围執执紀纪"
    "檢检測测氣气質质潔洁廢废濕湿熱热風风雲云傳传輸输數数據据庫库碼码檔档圖图畫画樣样側侧"
    "讓让認认識识諮咨詢询訪访談谈講讲說说語语讀读寫写聽听聯联繫系鏈链結结綫线專专項项組组"
    "優优惠惠營营銷销費费們们個个這这那那會会與与並并從从來来後后還还麼么邊边過过達达遠远"
    "適适選选遞递週周總总況况陸陆續续據据權权衆众眾众輿舆論论動动態态務务實实錯错誤误違违"
    "規规復复複复雜杂災灾轉转變变辯辩續续縮缩減减費费稅税優优質质維维護护險险鬧闹準准確确"
    "範范圍围擴扩廣广闊阔營营養养層层區区區区縣县鄉乡鎮镇街街園园"
    "積积編编綜综現现觀观顯显萬万億亿樓楼橋桥鐵铁壓压擊击戰战黨党團团紅红綠绿藍蓝誌志齊齐齡龄鐘钟際际陰阴隊队階阶隨随鮮鲜鳥鸟亞亚兒儿創创劑剂勵励協协廈厦參参雙双嚴严墾垦壞坏壯壮奮奋婦妇孫孙寧宁寶宝屆届嶺岭幫帮廟庙彈弹徑径懷怀戲戏撥拨擔担攜携敵敌斷断暫暂曆历條条極极樂乐歡欢殘残氫氢沖冲潛潜無无爭争爾尔牆墙獎奖獨独獲获產产畢毕盡尽礎础禮礼種种稱称穩稳競竞築筑簡简籌筹糧粮約约細细終终給给絕绝綱纲緊紧練练績绩繼继罰罚羅罗聖圣聲声腦脑興兴舉举艱艰藝艺補补裝装視视親亲覽览討讨託托訓训訟讼許许診诊詞词該该誠诚請请諾诺謀谋貝贝貢贡貨货貸贷賓宾賠赔賴赖購购贊赞軍军軟软較较輔辅輕轻迴回鄧邓釋释針针鋼钢鍵键閉闭閒闲陳陈隱隐雞鸡離离靜静頁页順顺須须預预領领頻频額额顧顾飛飞飯饭館馆馬马髮发鬥斗魚鱼連连遼辽"
)
TRAD_TO_SIMP: dict[str, str] = {}
for _i in range(0, len(_PAIRS) - 1, 2):
    _t, _s = _PAIRS[_i], _PAIRS[_i + 1]
    if _t != _s:
        TRAD_TO_SIMP[_t] = _s
_TABLE = str.maketrans(TRAD_TO_SIMP)


def count_traditional(text: str) -> int:
    return sum(1 for ch in text if ch in TRAD_TO_SIMP)


def to_simplified(text: str) -> str:
    return text.translate(_TABLE)
