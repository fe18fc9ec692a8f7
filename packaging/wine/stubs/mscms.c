/* TEST-ONLY replacement for Wine 8's mscms.dll, which lacks WcsCreateIccProfile. Never shipped:
 * packaging/wine/check.sh puts it in its throw-away Wine prefix and loads it with
 * WINEDLLOVERRIDES=mscms=n for the on-screen start of the installed program only.
 *
 * Qt's qwindows platform plugin imports exactly these four functions to read the screen's
 * colour profile; "no profile" makes Qt use sRGB, as on a PC without colour management.
 */
#include <stddef.h>
#define E __declspec(dllexport)
typedef int BOOL;
E void *OpenColorProfileW(void *profile, unsigned long access, unsigned long share, unsigned long how) { (void)profile; (void)access; (void)share; (void)how; return NULL; }
E BOOL CloseColorProfile(void *profile) { (void)profile; return 1; }
E BOOL GetColorProfileFromHandle(void *profile, unsigned char *buf, unsigned long *size) { (void)profile; (void)buf; (void)size; return 0; }
E void *WcsCreateIccProfile(void *profile, unsigned long intent) { (void)profile; (void)intent; return NULL; }
