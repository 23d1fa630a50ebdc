/* escape.c - HTML/XML escaping; runs of plain bytes are copied whole. */
#include "escape.h"

size_t sg_char_unsafe(const char *s, size_t len, unsigned *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned c = p[0];
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
        *cp = c;
        return 1;
    }
    if (c == 0xC2 && len >= 2 && p[1] >= 0x80 && p[1] <= 0x9F) {
        *cp = p[1];                                  /* C1: U+0080-U+009F */
        return 2;
    }
    if (c == 0xEF && len >= 3 && (p[2] & 0xC0) == 0x80 &&
        ((p[1] == 0xB7 && p[2] >= 0x90 && p[2] <= 0xAF) ||  /* U+FDD0-FDEF */
         (p[1] == 0xBF && p[2] >= 0xBE))) {                 /* U+FFFE-FFFF */
        *cp = 0xF000u | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
        return 3;
    }
    /* U+1FFFE, U+1FFFF ... U+10FFFF: the last two of every plane */
    if (c >= 0xF0 && c <= 0xF4 && len >= 4 && (p[1] & 0xCF) == 0x8F &&
        (c != 0xF0 || p[1] >= 0x90) && (c != 0xF4 || p[1] <= 0x8F) &&
        p[2] == 0xBF && (p[3] == 0xBE || p[3] == 0xBF)) {
        *cp = ((c & 7u) << 18) | ((p[1] & 0x3Fu) << 12) | 0xFFFEu |
              (p[3] & 1u);
        return 4;
    }
    return 0;
}

void sg_html_escape(sg_buf *out, const char *s, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        const char *rep;
        size_t skip = 1;
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: {
            /* only these bytes can start a character to drop */
            unsigned cp;
            if (!(c < 0x20 || c == 0x7F || c == 0xC2 || c == 0xEF ||
                  (c >= 0xF0 && c <= 0xF4)) ||
                !(skip = sg_char_unsafe(s + i, len - i, &cp)))
                continue;
            rep = "";
            break;
        }
        }
        sg_buf_put(out, s + start, i - start);
        sg_buf_puts(out, rep);
        i += skip - 1;
        start = i + 1;
    }
    sg_buf_put(out, s + start, len - start);
}
