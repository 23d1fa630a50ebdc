/* cite.c - a case's citation in BibTeX, RIS and CSL-JSON, and the
 * schema.org JSON-LD of a case and of the collection. */
#include "cite.h"

#include <stdlib.h>
#include <string.h>

const char *sg_folder_url(sg_arena *a, const char *base, const char *path)
{
    size_t len = strlen(path);
    if (len >= 10 && strcmp(path + len - 10, "index.html") == 0)
        len -= 10;
    return sg_printf(a, "%s%.*s", base, (int)len, path);
}

static const char *S_site(const sg_value *site, const char *key)
{
    const char *s = sg_value_str(sg_map_get(site, key));
    return s && *s ? s : NULL;
}

/* ---- BibTeX: special characters as commands, braces balanced ---- */

static void S_bib(sg_buf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        switch (ch) {
        case '\\': sg_buf_puts(b, "\\textbackslash{}"); break;
        case '{': case '}': case '&': case '%': case '$': case '#': case '_':
            sg_buf_putc(b, '\\');
            sg_buf_putc(b, (char)ch);
            break;
        case '^': sg_buf_puts(b, "\\textasciicircum{}"); break;
        case '~': sg_buf_puts(b, "\\textasciitilde{}"); break;
        default:
            sg_buf_putc(b, ch < 0x20 || ch == 0x7f ? ' ' : (char)ch);
        }
    }
}

/* A URL is verbatim in BibTeX's url field: only what would end the
 * field or the line is left out. */
static void S_bib_url(sg_buf *b, const char *s)
{
    for (; *s; s++)
        if (*s != '{' && *s != '}' && *s != '\\' &&
            (unsigned char)*s > 0x20 && *s != 0x7f)
            sg_buf_putc(b, *s);
}

/* ---- RIS: "TAG  - value", one line each ---- */

static void S_ris(sg_buf *b, const char *tag, const char *s)
{
    if (!s || !*s)
        return;
    sg_buf_printf(b, "%s  - ", tag);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        sg_buf_putc(b, ch < 0x20 || ch == 0x7f ? ' ' : (char)ch);
    }
    sg_buf_puts(b, "\r\n");
}

/* Year, month and day of "YYYY-MM-DD" (those given). */
static int S_date(const char *date, int part[3])
{
    if (!date)
        return 0;
    int n = 0;
    const char *p = date;
    while (n < 3 && *p) {
        char *end;
        long x = strtol(p, &end, 10);
        if (end == p)
            break;
        part[n++] = (int)x;
        p = *end == '-' ? end + 1 : end;
    }
    return n;
}

static sg_value *S_strv(sg_arena *a, const char *s)
{
    return sg_str(a, s ? s : "");
}

/* The case's authors, or the site's title as a corporate author. */
static void S_authors(sg_arena *a, const sg_case *c, const char *site_title,
                      const char *const **names, size_t *n, bool *corporate)
{
    *corporate = c->nauthors == 0;
    if (c->nauthors) {
        *names = c->authors;
        *n = c->nauthors;
        return;
    }
    const char **one = sg_alloc(a, sizeof *one);
    one[0] = site_title ? site_title : "";
    *names = one;
    *n = 1;
}

static const char *S_bibtex(sg_arena *a, const sg_case *c, const char *site,
                            const char *url, const char *licence,
                            const char *const *names, size_t nn,
                            bool corporate)
{
    sg_buf b = SG_BUF_INIT;
    sg_buf_printf(&b, "@misc{%s,\n  author = {", c->slug);
    for (size_t i = 0; i < nn; i++) {
        if (i)
            sg_buf_puts(&b, " and ");
        /* a corporate author in braces: not split into first and last */
        if (corporate)
            sg_buf_putc(&b, '{');
        S_bib(&b, names[i]);
        if (corporate)
            sg_buf_putc(&b, '}');
    }
    sg_buf_puts(&b, "},\n  title = {{");
    S_bib(&b, c->title);
    sg_buf_puts(&b, "}},\n");
    int d[3];
    int nd = S_date(c->date, d);
    if (nd >= 1)
        sg_buf_printf(&b, "  year = {%04d},\n", d[0]);
    if (nd == 3)
        sg_buf_printf(&b, "  date = {%04d-%02d-%02d},\n", d[0], d[1], d[2]);
    if (site) {
        sg_buf_puts(&b, "  howpublished = {");
        S_bib(&b, site);
        sg_buf_puts(&b, "},\n");
    }
    if (url) {
        sg_buf_puts(&b, "  url = {");
        S_bib_url(&b, url);
        sg_buf_puts(&b, "},\n");
    }
    if (c->lang)
        sg_buf_printf(&b, "  language = {%s},\n", c->lang);
    if (licence) {
        sg_buf_puts(&b, "  note = {Licence: ");
        S_bib(&b, licence);
        sg_buf_puts(&b, "},\n");
    }
    sg_buf_puts(&b, "}\n");
    const char *r = sg_strndup(a, b.ptr, b.len);
    sg_buf_free(&b);
    return r;
}

static const char *S_ris_text(sg_arena *a, const sg_case *c, const char *site,
                              const char *url, const char *licence,
                              const char *const *names, size_t nn)
{
    sg_buf b = SG_BUF_INIT;
    sg_buf_puts(&b, "TY  - ELEC\r\n");
    for (size_t i = 0; i < nn; i++)
        S_ris(&b, "AU", names[i]);
    S_ris(&b, "TI", c->title);
    int d[3];
    int nd = S_date(c->date, d);
    if (nd >= 1)
        sg_buf_printf(&b, "PY  - %04d\r\n", d[0]);
    if (nd == 3)
        sg_buf_printf(&b, "DA  - %04d/%02d/%02d/\r\n", d[0], d[1], d[2]);
    S_ris(&b, "T2", site);
    S_ris(&b, "AB", c->summary);
    S_ris(&b, "UR", url);
    S_ris(&b, "LA", c->lang);
    S_ris(&b, "N1", licence ? sg_printf(a, "Licence: %s", licence) : NULL);
    sg_buf_puts(&b, "ER  - \r\n");
    const char *r = sg_strndup(a, b.ptr, b.len);
    sg_buf_free(&b);
    return r;
}

static const char *S_json(sg_arena *a, const sg_value *x)
{
    sg_buf b = SG_BUF_INIT;
    sg_json_write(&b, x, 0);
    const char *r = sg_strndup(a, b.ptr, b.len);
    sg_buf_free(&b);
    return r;
}

static sg_value *S_csl(sg_arena *a, const sg_case *c, const char *site,
                       const char *url, const char *const *names, size_t nn,
                       bool corporate)
{
    (void)corporate;         /* CSL-JSON's "literal" takes both kinds */
    sg_value *it = sg_map(a);
    sg_map_add(a, it, "id", S_strv(a, c->slug));
    sg_map_add(a, it, "type", sg_str(a, "webpage"));
    sg_map_add(a, it, "title", S_strv(a, c->title));
    sg_value *au = sg_list(a);
    for (size_t i = 0; i < nn; i++) {
        sg_value *p = sg_map(a);
        sg_map_add(a, p, "literal", S_strv(a, names[i]));
        sg_list_push(a, au, p);
    }
    sg_map_add(a, it, "author", au);
    int d[3];
    int nd = S_date(c->date, d);
    if (nd) {
        sg_value *parts = sg_list(a), *one = sg_list(a);
        for (int i = 0; i < nd; i++)
            sg_list_push(a, one, sg_num(a, d[i]));
        sg_list_push(a, parts, one);
        sg_value *issued = sg_map(a);
        sg_map_add(a, issued, "date-parts", parts);
        sg_map_add(a, it, "issued", issued);
    }
    if (site)
        sg_map_add(a, it, "container-title", sg_str(a, site));
    if (c->summary)
        sg_map_add(a, it, "abstract", sg_str(a, c->summary));
    if (url)
        sg_map_add(a, it, "URL", sg_str(a, url));
    if (c->lang)
        sg_map_add(a, it, "language", sg_str(a, c->lang));
    sg_value *all = sg_list(a);
    sg_list_push(a, all, it);
    return all;
}

static sg_value *S_typed(sg_arena *a, const char *type, const char *name)
{
    sg_value *m = sg_map(a);
    sg_map_add(a, m, "@type", sg_str(a, type));
    if (name)
        sg_map_add(a, m, "name", sg_str(a, name));
    return m;
}

static const char *S_case_jsonld(sg_arena *a, const sg_case_entry *e,
                                 const char *site, const char *url,
                                 const char *licence, const char *lang,
                                 const char *const *names, size_t nn,
                                 bool corporate)
{
    const sg_case *c = e->c;
    sg_value *m = sg_map(a);
    sg_map_add(a, m, "@context", sg_str(a, "https://schema.org"));
    sg_map_add(a, m, "@type", sg_str(a, "ScholarlyArticle"));
    sg_map_add(a, m, "headline", S_strv(a, c->title));
    sg_map_add(a, m, "name", S_strv(a, c->title));
    if (c->summary)
        sg_map_add(a, m, "description", sg_str(a, c->summary));
    sg_value *au = sg_list(a);
    for (size_t i = 0; i < nn; i++)
        sg_list_push(a, au, S_typed(a, corporate ? "Organization" : "Person",
                                    names[i]));
    sg_map_add(a, m, "author", au);
    if (c->date) {
        sg_map_add(a, m, "datePublished", sg_str(a, c->date));
        sg_map_add(a, m, "dateModified", sg_str(a, c->date));
    }
    sg_map_add(a, m, "inLanguage", sg_str(a, c->lang ? c->lang : lang));
    if (url)
        sg_map_add(a, m, "url", sg_str(a, url));
    if (licence)
        sg_map_add(a, m, "license", sg_str(a, licence));
    if (c->sector)
        sg_map_add(a, m, "about", S_typed(a, "Thing", c->sector));
    /* the place the case is about: the most precise the case gives */
    const char *place = c->city ? c->city : c->region;
    int ci = c->country ? sg_vocab_country(e->v, c->country) : -1;
    const char *cname = ci >= 0 ? e->v->countries[ci].name : c->country;
    sg_value *pl = S_typed(a, "Place", place ? place : cname);
    if (c->country) {
        sg_value *addr = S_typed(a, "PostalAddress", NULL);
        sg_map_add(a, addr, "addressCountry", sg_str(a, c->country));
        sg_map_add(a, pl, "address", addr);
    }
    if (c->has_location) {
        sg_value *geo = S_typed(a, "GeoCoordinates", NULL);
        sg_map_add(a, geo, "latitude", sg_num(a, c->lat));
        sg_map_add(a, geo, "longitude", sg_num(a, c->lon));
        sg_map_add(a, pl, "geo", geo);
    }
    sg_map_add(a, m, "spatialCoverage", pl);
    if (site)
        sg_map_add(a, m, "isPartOf", S_typed(a, "Dataset", site));
    sg_value *cites = sg_list(a);
    for (size_t i = 0; i < c->nsources; i++) {
        const sg_source *s = &c->sources[i];
        sg_value *w = S_typed(a, "CreativeWork", s->title);
        if (s->author)
            sg_map_add(a, w, "author", sg_str(a, s->author));
        if (s->year)
            sg_map_add(a, w, "datePublished",
                       sg_str(a, sg_printf(a, "%d", s->year)));
        if (s->url)
            sg_map_add(a, w, "url", sg_str(a, s->url));
        sg_list_push(a, cites, w);
    }
    if (c->nsources)
        sg_map_add(a, m, "citation", cites);
    return S_json(a, m);
}

sg_value *sg_cite_case(sg_arena *a, const sg_case_entry *e,
                       const sg_value *site)
{
    const sg_case *c = e->c;
    const char *title = S_site(site, "title");
    const char *base = S_site(site, "base_url");
    const char *licence = S_site(site, "licence");
    const char *lang = S_site(site, "lang");
    const char *url = base ? sg_folder_url(a, base, e->url) : NULL;
    const char *const *names;
    size_t nn;
    bool corporate;
    S_authors(a, c, title, &names, &nn, &corporate);
    sg_value *m = sg_map_sized(a, 14);
    sg_buf who = SG_BUF_INIT;
    for (size_t i = 0; i < nn; i++)
        sg_buf_printf(&who, "%s%s", i ? (i + 1 == nn ? " and " : ", ") : "",
                      names[i]);
    sg_map_add(a, m, "authors", sg_strn(a, who.ptr, who.len));
    sg_buf_free(&who);
    int d[3];
    if (S_date(c->date, d) >= 1)
        sg_map_add(a, m, "year", sg_str(a, sg_printf(a, "%04d", d[0])));
    sg_map_add(a, m, "title", S_strv(a, c->title));
    if (title)
        sg_map_add(a, m, "site_title", sg_str(a, title));
    if (url)
        sg_map_add(a, m, "url", sg_str(a, url));
    if (licence)
        sg_map_add(a, m, "licence", sg_str(a, licence));
    sg_map_add(a, m, "bibtex", sg_str(a, S_bibtex(a, c, title, url, licence,
                                                  names, nn, corporate)));
    sg_map_add(a, m, "ris", sg_str(a, S_ris_text(a, c, title, url, licence,
                                                 names, nn)));
    sg_buf csl = SG_BUF_INIT;
    sg_json_write(&csl, S_csl(a, c, title, url, names, nn, corporate), 2);
    sg_buf_putc(&csl, '\n');
    sg_map_add(a, m, "csl", sg_strn(a, csl.ptr, csl.len));
    sg_buf_free(&csl);
    sg_map_add(a, m, "jsonld", sg_str(a, S_case_jsonld(a, e, title, url,
                                                       licence, lang ? lang
                                                       : "en", names, nn,
                                                       corporate)));
    if (c->draft)
        sg_map_add(a, m, "draft", sg_bool(a, true));
    if (c->lang)
        sg_map_add(a, m, "lang", sg_str(a, c->lang));
    return m;
}

const char *sg_cite_dataset_jsonld(sg_arena *a, const sg_value *site)
{
    const char *base = S_site(site, "base_url");
    sg_value *m = sg_map(a);
    sg_map_add(a, m, "@context", sg_str(a, "https://schema.org"));
    sg_map_add(a, m, "@type", sg_str(a, "Dataset"));
    sg_map_add(a, m, "name", S_strv(a, S_site(site, "title")));
    const char *desc = S_site(site, "description");
    sg_map_add(a, m, "description", sg_str(a, desc ? desc : "Case studies "
                                           "of industrial clusters"));
    if (base)
        sg_map_add(a, m, "url", sg_str(a, base));
    if (S_site(site, "licence"))
        sg_map_add(a, m, "license", sg_str(a, S_site(site, "licence")));
    sg_map_add(a, m, "inLanguage", S_strv(a, S_site(site, "lang")));
    static const char *const files[][2] = {
        { "cases.json", "application/json" }, { "cases.csv", "text/csv" },
    };
    sg_value *dist = sg_list(a);
    for (size_t i = 0; i < 2; i++) {
        sg_value *x = S_typed(a, "DataDownload", files[i][0]);
        sg_map_add(a, x, "encodingFormat", sg_str(a, files[i][1]));
        sg_map_add(a, x, "contentUrl", sg_str(a, base ? sg_printf(a, "%s%s",
                                                                  base,
                                                                  files[i][0])
                                                      : files[i][0]));
        sg_list_push(a, dist, x);
    }
    sg_map_add(a, m, "distribution", dist);
    return S_json(a, m);
}
