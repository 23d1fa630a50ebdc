/* escape.h - escaping text for HTML, in one place.
 *
 * The same rules serve element text and double- or single-quoted
 * attribute values: & < > " ' become entities.
 */
#ifndef SG_ESCAPE_H
#define SG_ESCAPE_H

#include <stddef.h>

#include "buf.h"

void sg_html_escape(sg_buf *out, const char *s, size_t len);

#endif
