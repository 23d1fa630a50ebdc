/* settings.c - site.yaml: read, checked against one table of keys. */
#include "settings.h"

#include <stdio.h>
#include <string.h>

#include "case_keys.h"
#include "fs.h"
#include "suggest.h"
#include "yaml_read.h"

#define S(f) offsetof(sg_settings, f)
const sg_setting_key sg_setting_keys[] = {
    { "title", SG_ST_TEXT, S(title) },
    { "base_url", SG_ST_URL, S(base_url) },
    { "lang", SG_ST_LANG, S(lang) },
    { "licence", SG_ST_TEXT, S(licence) },
    { "description", SG_ST_TEXT, S(description) },
    { "logo", SG_ST_LOGO, S(logo) },
    { "footer", SG_ST_TEXT, S(footer) },
    { NULL, SG_ST_TEXT, 0 },
};
#undef S

const char *sg_settings_path(sg_arena *a, const char *cases)
{
    size_t len = strlen(cases);
    while (len > 1 && cases[len - 1] == '/')
        len--;
    const char *dir = sg_dirname(a, sg_strndup(a, cases, len));
    return strcmp(dir, ".") == 0 ? SG_SETTINGS_FILE
                                 : sg_path_join(a, dir, SG_SETTINGS_FILE);
}

const char *sg_settings_base_url(sg_arena *a, const char *url)
{
    if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
        return NULL;
    size_t len = strlen(url);
    while (len && url[len - 1] == '/')
        len--;
    if (len <= strlen("https://") - (url[4] == 's' ? 0 : 1))
        return NULL;               /* no host */
    return sg_printf(a, "%.*s/", (int)len, url);
}

/* The example of a key in the vocabulary's `site_keys`, for hints. */
static const char *S_example(const sg_vocab *v, const char *name)
{
    const sg_value *k = sg_map_get(sg_map_get(v->root, "site_keys"), name);
    const char *ex = sg_value_str(sg_map_get(k, "example"));
    return ex ? ex : "";
}

/* One value: a scalar, as text, never a list or a mapping. */
static const char *S_text(sg_arena *a, const sg_vocab *v, const char *file,
                          const char *name, const sg_value *x, sg_diags *d)
{
    if (x->type == SG_STR)
        return sg_strndup(a, x->u.str.s, x->u.str.len);
    if ((x->type == SG_NUM || x->type == SG_BOOL) && x->text)
        return x->text;
    sg_error(d, file, x->mark, sg_printf(a, "write one line of text, e.g. "
                                         "%s", S_example(v, name)),
             "%s: needs text, not %s", name,
             x->type == SG_LIST ? "a list" : x->type == SG_MAP ? "a mapping"
             : "an empty value");
    return NULL;
}

/* Control characters never reach a page or a header line. */
static bool S_clean(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return false;
    return true;
}

static void S_key(sg_arena *a, const sg_vocab *v, const char *file,
                  const sg_setting_key *k, const sg_value *x,
                  sg_settings *s, sg_diags *d)
{
    const char *t = S_text(a, v, file, k->name, x, d);
    if (!t)
        return;
    const char *hint = sg_printf(a, "e.g. %s", S_example(v, k->name));
    if (!S_clean(t)) {
        sg_error(d, file, x->mark, "write it on one line, without control "
                 "characters", "%s: holds a control character", k->name);
        return;
    }
    switch (k->type) {
    case SG_ST_URL:
        if (*t && !(t = sg_settings_base_url(a, t))) {
            sg_error(d, file, x->mark, hint, "%s: must be an absolute "
                     "http:// or https:// URL", k->name);
            return;
        }
        break;
    case SG_ST_LANG:
        if (!sg_lang_ok(t)) {
            sg_error(d, file, x->mark, hint, "%s: '%s' is not a BCP 47 "
                     "language tag", k->name, t);
            return;
        }
        break;
    case SG_ST_LOGO:
        if (strncmp(t, "https://", 8) != 0 &&
            (strncmp(t, "static/", 7) != 0 || strstr(t, ".."))) {
            sg_error(d, file, x->mark, "put the image in the templates' "
                     "static/ folder and write static/NAME, or give an "
                     "https:// URL", "%s: '%s' is neither static/... nor an "
                     "https:// URL", k->name, t);
            return;
        }
        s->logo_at = x->mark;
        break;
    case SG_ST_TEXT:
        break;
    }
    *(const char **)(void *)((char *)s + k->off) = t;
}

int sg_settings_read(sg_arena *a, const sg_vocab *v, const char *file,
                     bool optional, sg_settings *s, sg_diags *d)
{
    memset(s, 0, sizeof *s);
    if (optional && !sg_exists(file))
        return 0;
    size_t before = d->errors;
    sg_buf src = SG_BUF_INIT;
    sg_value *root = NULL;
    if (sg_read_file(file, SG_MAX_FILE_SIZE, &src, d) != 0 ||
        sg_yaml_parse(a, file, src.ptr, src.len, 1, &root, d) != 0) {
        sg_buf_free(&src);
        return -1;
    }
    sg_buf_free(&src);
    s->file = file;
    if (root->type == SG_NULL)
        return 0;                               /* an empty file */
    if (root->type != SG_MAP)
        return sg_error(d, file, root->mark, "write keys such as title: "
                        "and base_url:, one a line",
                        "the site settings must be a mapping of keys");
    const char *names[16];
    size_t nn = 0;
    for (const sg_setting_key *k = sg_setting_keys; k->name; k++)
        names[nn++] = k->name;
    for (size_t i = 0; i < root->u.map.n; i++) {
        const sg_pair *p = &root->u.map.items[i];
        const sg_setting_key *k = sg_setting_keys;
        while (k->name && strcmp(k->name, p->key) != 0)
            k++;
        if (k->name) {
            S_key(a, v, file, k, p->val, s, d);
            continue;
        }
        /* few keys, short names: two edits ("titel") are still a typo */
        const char *near = sg_nearest(p->key, names, nn);
        size_t best = 3;
        for (size_t j = 0; !near && j < nn; j++) {
            size_t dist = sg_edit_distance(p->key, names[j], 2);
            if (dist < best && dist < strlen(names[j])) {
                best = dist;
                near = names[j];
            }
        }
        sg_warn(d, file, p->key_mark,
                near ? sg_printf(a, "did you mean '%s'?", near)
                     : "the keys are title, base_url, lang, licence, "
                       "description, logo and footer",
                "unknown setting '%s' (ignored)", p->key);
    }
    return d->errors > before ? -1 : 0;
}

sg_value *sg_settings_schema(sg_arena *a, const sg_vocab *v)
{
    sg_value *root = sg_map(a), *props = sg_map(a);
    sg_map_str(a, root, "$schema", "http://json-schema.org/draft-07/schema#");
    sg_map_str(a, root, "title", "gen site settings (site.yaml)");
    sg_map_str(a, root, "type", "object");
    const sg_value *docs = sg_map_get(v->root, "site_keys");
    for (const sg_setting_key *k = sg_setting_keys; k->name; k++) {
        sg_value *p = sg_map(a);
        sg_map_str(a, p, "type", "string");
        const char *doc = sg_value_str(sg_map_get(sg_map_get(docs, k->name),
                                                  "doc"));
        if (doc)
            sg_map_str(a, p, "description", doc);
        if (k->type == SG_ST_URL)
            sg_map_str(a, p, "pattern", "^https?://[^/]+");
        else if (k->type == SG_ST_LOGO)
            sg_map_str(a, p, "pattern", "^(https://|static/)");
        sg_map_add(a, props, k->name, p);
    }
    sg_map_add(a, root, "properties", props);
    sg_map_add(a, root, "additionalProperties", sg_bool(a, false));
    return root;
}
