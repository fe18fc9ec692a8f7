; Inno Setup 6 script: the per-user installer clerks get on a USB stick.
;
; Build it through packaging/build.py on Windows (it runs PyInstaller, smoke-tests the bundle and
; then calls ISCC with the defines below). By hand, from packaging\:
;   iscc /DAppVersion=X.Y.Z /DFileVersion=X.Y.Z.0 /DBundleDir=..\dist\zwgk ^
;        /DOutputDir=..\dist\installer /DChineseIsl=ChineseSimplified.isl installer.iss
;
; - Per-user, no administrator rights, no UAC prompt (PrivilegesRequired=lowest): installs to
;   %LOCALAPPDATA%\Programs\ZWGK\zwgk-report, shortcuts in the user's Start menu and desktop.
; - Chinese wizard: ChineseSimplified.isl is an unofficial Inno Setup translation, not shipped
;   with Inno Setup; see docs/packaging.md for where build.py looks for it.
; - The uninstaller removes the program only. The clerk's data (%APPDATA%\ZWGK\zwgk-report:
;   database, backups, settings) is never listed here, so it is never deleted.
; - The version comes only from desktop.__version__ (build.py passes it); nothing is hard-coded.

#ifndef AppVersion
  #error Build with packaging/build.py, or pass /DAppVersion=... (desktop.__version__)
#endif
#ifndef FileVersion
  #define FileVersion "0.0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\zwgk"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist\installer"
#endif
#ifndef ChineseIsl
  #define ChineseIsl "compiler:Languages\ChineseSimplified.isl"
#endif

#define AppName "政务公开落实情况报告"
#define AppExe "zwgk.exe"

[Setup]
; Never change AppId: it is how an update finds the installed copy.
AppId={{5E0C2A47-1B8D-4F3E-9C61-7A2D4B9E0F13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=ZWGK
VersionInfoVersion={#FileVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} 安装程序
DefaultDirName={autopf}\ZWGK\zwgk-report
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=yes
PrivilegesRequired=lowest
; Qt 6 runs on 64-bit Windows 10 1809 (10.0.17763) or later only.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputDir={#OutputDir}
OutputBaseFilename=zwgk-setup-{#AppVersion}
SetupIconFile=icon\zwgk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
ShowLanguageDialog=no
Compression=lzma2/max
SolidCompression=yes
; Close a running copy (Restart Manager) before replacing its files.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "chinesesimp"; MessagesFile: "{#ChineseIsl}"

[CustomMessages]
chinesesimp.DataKept=程序已卸载。您填写的报告数据仍保存在：%n%n%1%n%n没有删除，重新安装后可以继续使用。如确定不再需要，可以手动删除这个文件夹。
chinesesimp.ShortcutComment=填写、导出政务公开工作要点落实情况报告

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An update replaces the whole bundle: files an older version had must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{cm:ShortcutComment}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{cm:ShortcutComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
// Tell the clerk where the data stayed (not in silent uninstalls, e.g. CI or IT scripts).
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent() then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{userappdata}\ZWGK\zwgk-report')]),
      mbInformation, MB_OK);
end;
