/* TEST-ONLY stand-in for Windows 10's system icuuc.dll, which Wine 8 lacks. Never shipped:
 * packaging/wine/check.sh copies it into its throw-away Wine prefix only.
 *
 * Qt6Core.dll imports these 20 ucnv_* functions (QStringConverter's ICU codecs); without the
 * DLL `import PySide6.QtCore` fails. Every converter lookup answers "not available"
 * (U_UNSUPPORTED_ERROR), which Qt handles as an unknown codec; UTF-8/16/32 and Latin-1 are
 * Qt's own code and do not come here.
 */
#include <stddef.h>
#include <stdint.h>
#define E __declspec(dllexport)
static void unavailable(int *err) { if (err && *err <= 0) *err = 16; /* U_UNSUPPORTED_ERROR */ }
E void *ucnv_open(const char *n, int *e) { (void)n; unavailable(e); return NULL; }
E void ucnv_close(void *c) { (void)c; }
E int32_t ucnv_countAvailable(void) { return 0; }
E const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
E const char *ucnv_getStandardName(const char *n, const char *s, int *e) { (void)n; (void)s; unavailable(e); return NULL; }
E const char *ucnv_getName(const void *c, int *e) { (void)c; unavailable(e); return NULL; }
E int8_t ucnv_getMaxCharSize(const void *c) { (void)c; return 4; }
E void ucnv_reset(void *c) { (void)c; }
E void ucnv_fromUnicode(void *c, char **t, const char *tl, const uint16_t **s, const uint16_t *sl, int32_t *o, int8_t fl, int *e) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)fl; unavailable(e); }
E void ucnv_toUnicode(void *c, uint16_t **t, const uint16_t *tl, const char **s, const char *sl, int32_t *o, int8_t fl, int *e) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)fl; unavailable(e); }
E int32_t ucnv_fromUCountPending(const void *c, int *e) { (void)c; unavailable(e); return 0; }
E int32_t ucnv_toUCountPending(const void *c, int *e) { (void)c; unavailable(e); return 0; }
E void ucnv_getFromUCallBack(const void *c, void **a, const void **b) { (void)c; if (a) *a = NULL; if (b) *b = NULL; }
E void ucnv_getToUCallBack(const void *c, void **a, const void **b) { (void)c; if (a) *a = NULL; if (b) *b = NULL; }
E void ucnv_setFromUCallBack(void *c, void *n, const void *nc, void **o, const void **oc, int *e) { (void)c; (void)n; (void)nc; (void)o; (void)oc; unavailable(e); }
E void ucnv_setToUCallBack(void *c, void *n, const void *nc, void **o, const void **oc, int *e) { (void)c; (void)n; (void)nc; (void)o; (void)oc; unavailable(e); }
E void ucnv_cbFromUWriteUChars(void *a, const uint16_t **s, const uint16_t *sl, int32_t i, int *e) { (void)a; (void)s; (void)sl; (void)i; unavailable(e); }
E void ucnv_cbToUWriteUChars(void *a, const uint16_t *s, int32_t l, int32_t i, int *e) { (void)a; (void)s; (void)l; (void)i; unavailable(e); }
E void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *c, void *a, const uint16_t *u, int32_t l, int32_t cp, int r, int *e) { (void)c; (void)a; (void)u; (void)l; (void)cp; (void)r; unavailable(e); }
E void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *c, void *a, const char *u, int32_t l, int r, int *e) { (void)c; (void)a; (void)u; (void)l; (void)r; unavailable(e); }
