/* escape.h - escaping text for HTML and XML, in one place.
 *
 * The same rules serve element text and double- or single-quoted
 * attribute values, in HTML pages and in the XML feed and sitemap:
 * & < > " ' become entities, and characters that no page or feed may
 * carry (see sg_char_unsafe) are dropped, so that author text can never
 * make feed.xml ill-formed.
 */
#ifndef SG_ESCAPE_H
#define SG_ESCAPE_H

#include <stddef.h>

#include "buf.h"

void sg_html_escape(sg_buf *out, const char *s, size_t len);

/* The byte length of the character at s[0] (len > 0) when it is one that
 * XML 1.0 forbids or discourages and HTML calls a parse error: a C0
 * control other than tab, line feed and carriage return; DEL or a C1
 * control (U+007F-U+009F); a noncharacter (U+FDD0-U+FDEF, U+xFFFE,
 * U+xFFFF). Sets *cp to its code point. 0 for any other character, and
 * for bytes that are not UTF-8. */
size_t sg_char_unsafe(const char *s, size_t len, unsigned *cp);

#endif
