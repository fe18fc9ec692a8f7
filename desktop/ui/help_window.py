"""帮助 → 使用说明: a short guide built into the program (offline, no file to lose), shown in a
window beside the wizard so the clerk can read it while working (F1)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop import APP_NAME

# Keys named here are checked against the menus by tests/ui/test_help.py.
GUIDE = """
<h2>使用说明</h2>
<p>本程序用来填写《政务公开工作要点》落实情况报告，并导出符合公文格式的 Word 文件。
不需要联网，填写的内容随时自动保存在本机。</p>
<p><a href="#start">开始填报</a> · <a href="#pages">各页怎么填</a> · <a href="#final">审查和定稿</a> · <a href="#send">导出和报送</a> · <a href="#keys">键盘操作</a> · <a href="#office">市政府办公厅汇总</a> · <a href="#data">数据保存在哪里</a> · <a href="#trouble">遇到问题</a></p>

<h3><a name="start"></a>一、开始填报</h3>
<ol>
<li>在首页右侧的单位列表中找到本单位（可输入名称筛选，如“财政”“中山区”）。
名录中没有的，点“名录中没有？添加单位…”。</li>
<li>确认工作要点（默认是内置的2016年要点；新年度的要点用“导入新的要点文件…”导入）。</li>
<li>点“开始填报”。以后再打开程序，会回到上次填写的位置；首页左侧“继续填写”列出本机的每份报告，
并标明是草稿还是定稿。</li>
</ol>

<h3><a name="pages"></a>二、各页怎么填</h3>
<ul>
<li><b>封面信息</b>：发文机关名称、填报人、联系电话、分管负责同志和报告日期。</li>
<li><b>适用任务</b>：列出本单位要报告的任务和责任（牵头、负责、配合）。标有“相关部门”的任务，
请逐项选择“适用”或“不适用”；选“不适用”的要写明原因，否则不算填完。</li>
<li><b>每项任务一页</b>：左边是要点原文，本单位的责任分工已标出；右边依次填写完成状态、
要点要求的数据、主要做法、取得成效、公开载体及网址、存在问题。数据低于要点要求时会提示，
但不影响保存。</li>
<li><b>公开载体及网址</b>：写明名称（如“政府网站预决算公开专栏”“《大连日报》专版”），
能在网上查到的请填写网址。本机的文件不会随报告报送，所以这里不再选择本机文件。</li>
<li><b>日期</b>：可以直接输入，如 2016-12-20、2016.12.20、2016年12月20日；
也可以点“日历…”（或在日期栏中按 Alt+↓）选择。清空即为未填。</li>
<li><b>报告正文</b>：总体情况、存在的问题、下一步工作打算。</li>
</ul>
<p>每一栏的内容在停止输入后一秒内自动保存（窗口下方显示“已保存”和时间）。
文字栏可以用“历史版本…”（或在该栏中按 Ctrl+H）找回以前写过的内容。
左侧目录中的圆点表示每项任务的状态：绿色已填完，橙色填写中，红色有提示，灰色未填写。</p>

<h3><a name="final"></a>三、审查和定稿</h3>
<p>“审查定稿”页列出所有未填的必填内容和数据提示，单击一行即跳到该处。
全部填完并完成保密审查后，点“标记为定稿”。定稿后如果再修改任何内容，报告会回到草稿，
需要重新确认保密审查；页面上方会提示，并可以“撤销这些修改，保持定稿”。</p>

<h3><a name="send"></a>四、导出和报送</h3>
<ul>
<li>在“导出报告”页先看预览，再点“导出 Word 报告…”（或按 Ctrl+E）保存 .docx 文件。
草稿也可以导出，文件中会标明“草稿”。</li>
<li>“打开文件”用本机的 WPS 或 Word 打开报告；没有这类程序时，可打开所在文件夹。</li>
<li>“工具”菜单中的“导出交换文件”把报告数据存成 .json 文件：可以拷到另一台电脑继续填写，
配合单位也可以把自己的材料发给牵头单位。“导入交换文件”导入别的单位或别的电脑的文件时，
会先说明是谁的报告，导入后作为一份单独的报告保存，不影响当前的报告。</li>
</ul>

<h3><a name="keys"></a>五、键盘操作</h3>
<table cellspacing="0" cellpadding="3">
<tr><td>Tab / Shift+Tab</td><td>按屏幕顺序移到下一栏 / 上一栏（每页打开时停在第一个未填的栏）</td></tr>
<tr><td>Alt+N / Alt+B</td><td>下一步 / 上一步</td></tr>
<tr><td>Ctrl+PgDown / Ctrl+PgUp</td><td>下一页 / 上一页</td></tr>
<tr><td>Ctrl+S</td><td>立即保存</td></tr>
<tr><td>Ctrl+E</td><td>导出 Word 报告</td></tr>
<tr><td>Ctrl+R</td><td>转到“审查定稿”</td></tr>
<tr><td>Ctrl+O</td><td>切换或新建报告</td></tr>
<tr><td>Ctrl+H</td><td>当前文字栏的历史版本</td></tr>
<tr><td>Alt+↓</td><td>在日期栏中打开日历</td></tr>
<tr><td>Alt+1 / Alt+2 / Alt+3</td><td>选择完成状态</td></tr>
<tr><td>F1</td><td>打开本说明</td></tr>
</table>

<h3><a name="office"></a>六、市政府办公厅汇总</h3>
<p>首页下方的“市政府办公厅：汇总各单位报告…”打开汇总窗口：导入各单位报送的 .docx 报告或
.json 交换文件（可以一次选一个文件夹），查看汇总矩阵、按任务查看、缺报单位和导入记录，
导出汇总表（Excel）和汇总报告（Word）。报送的草稿照常计入，并在各处标明“草稿”。
每个文件对话框会打开上次用过的文件夹。</p>

<h3><a name="data"></a>七、数据保存在哪里</h3>
<p>填写的内容保存在本机的数据文件夹中（“帮助 → 关于”显示它的位置），每次启动和关闭时
自动备份，保留最近的10份。要备份到U盘，请先关闭程序，再复制整个文件夹。
同一时间只能在一个窗口中修改；再打开的窗口只能查看。</p>

<h3><a name="trouble"></a>八、遇到问题</h3>
<ul>
<li>提示“无法保存”：多半是磁盘已满或文件被占用。您的输入不会丢失，程序每5秒自动重试；
请先清理磁盘空间，不要关闭程序。</li>
<li>导出时提示文件被占用：请先在 WPS 或 Word 中关闭同名文件，或换一个文件名。</li>
<li>程序打不开：请技术人员运行安装说明中的自检命令，并把最后一行截图发给技术支持。</li>
</ul>
"""


class HelpWindow(QDialog):
    """Non-modal: the clerk reads it next to the wizard."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"使用说明 — {APP_NAME}")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)  # offline: only the anchors inside
        # The source wraps lines mid-sentence; in HTML a line break is a space, which
        # Chinese text must not get.
        self.browser.setHtml(GUIDE.replace("\n", ""))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self._fit()

    def _fit(self) -> None:
        screen = self.screen()
        room = screen.availableGeometry() if screen is not None else None
        width, height = 720, 640
        if room is not None:
            width, height = (
                min(width, int(room.width() * 0.9)),
                min(height, int(room.height() * 0.9)),
            )
        self.resize(width, height)
