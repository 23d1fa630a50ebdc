/* cite.h - citing a case: the text on its page, its BibTeX, RIS and
 * CSL-JSON files, and the schema.org JSON-LD of a case and of the
 * collection.
 *
 * Each format is escaped by its own rules: BibTeX's special characters
 * are commands, RIS values stay on their one line, JSON goes through the
 * JSON writer (which also escapes < > &, so JSON-LD cannot end its
 * <script>). Authors are the case's `authors`; a case without them is
 * cited with the site's title as its (corporate) author.
 */
#ifndef SG_CITE_H
#define SG_CITE_H

#include "view.h"

/* The address of the page at `path` under `base` as the sitemap and the
 * canonical link give it: a folder's index.html as the folder ("/"). */
const char *sg_folder_url(sg_arena *a, const char *base, const char *path);

/* The citation of a case, for its page and its files: a map with
 * `authors` (text), `year`, `title`, `site_title`, `url` (absolute, or
 * absent without a base URL), `licence`, `bibtex`, `ris`, `csl` and
 * `jsonld` (the files' and the script's text). `site` is the site view. */
sg_value *sg_cite_case(sg_arena *a, const sg_case_entry *e,
                       const sg_value *site);

/* The collection as a schema.org Dataset, its exports the distributions. */
const char *sg_cite_dataset_jsonld(sg_arena *a, const sg_value *site);

#endif
