/* yaml_read.c - libyaml events to sg_value, with limits.
 *
 * A small recursive descent over the event stream. Aliases share the
 * anchored subtree (no copy); what bounds them is a running count of
 * the nodes the document would have if every alias were expanded.
 */
#include "yaml_read.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "strset.h"

typedef struct anchor {
    const char *name;
    sg_value *val;
    size_t size;          /* expanded node count of the subtree */
    struct anchor *next;
} anchor;

typedef struct {
    sg_arena *a;
    const char *file;
    unsigned first_line;
    yaml_parser_t parser;
    sg_diags *d;
    anchor *anchors;
    size_t nodes;         /* expanded nodes so far */
} reader;

static sg_mark S_mark(reader *r, yaml_mark_t m)
{
    return (sg_mark){ (unsigned)m.line + r->first_line,
                      (unsigned)m.column + 1 };
}

static int S_parser_error(reader *r)
{
    yaml_parser_t *p = &r->parser;
    const char *problem = p->problem ? p->problem : "cannot read the YAML";
    if (p->error == YAML_MEMORY_ERROR)
        return sg_error(r->d, r->file, (sg_mark){0, 0}, NULL,
                        "out of memory while reading YAML");
    sg_mark at = S_mark(r, p->problem_mark);
    if (p->context)
        return sg_error(r->d, r->file, at,
                        "check the indentation and that every ':' after a key "
                        "is followed by a space; quote text that contains ': ' "
                        "or starts with a special character",
                        "YAML syntax: %s %s (started at line %u)", problem,
                        p->context, S_mark(r, p->context_mark).line);
    return sg_error(r->d, r->file, at,
                    "check the indentation and quoting around this place",
                    "YAML syntax: %s", problem);
}

static int S_next(reader *r, yaml_event_t *ev)
{
    if (!yaml_parser_parse(&r->parser, ev))
        return S_parser_error(r);
    return 0;
}

static bool S_eq(const char *s, const char *a)
{
    return strcmp(s, a) == 0;
}

/* YAML 1.2 core schema typing of a plain scalar. */
static sg_value *S_scalar(reader *r, const yaml_event_t *ev)
{
    const char *s = (const char *)ev->data.scalar.value;
    size_t len = ev->data.scalar.length;
    sg_value *v;
    bool plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    const char *tag = (const char *)ev->data.scalar.tag;
    if (tag && S_eq(tag, YAML_STR_TAG))
        plain = false;
    if (plain && (len == 0 || S_eq(s, "~") || S_eq(s, "null") ||
                  S_eq(s, "Null") || S_eq(s, "NULL"))) {
        v = sg_null(r->a);
    } else if (plain && (S_eq(s, "true") || S_eq(s, "True") ||
                         S_eq(s, "TRUE"))) {
        v = sg_bool(r->a, true);
    } else if (plain && (S_eq(s, "false") || S_eq(s, "False") ||
                         S_eq(s, "FALSE"))) {
        v = sg_bool(r->a, false);
    } else {
        v = NULL;
        if (plain && len < 64 && strlen(s) == len) {
            /* digits, sign, one dot, exponent: the core schema's numbers */
            const char *c = s;
            if (*c == '-' || *c == '+')
                c++;
            bool digits = false, ok = true;
            for (; *c && ok; c++) {
                if (*c >= '0' && *c <= '9')
                    digits = true;
                else if (*c != '.' && *c != 'e' && *c != 'E' && *c != '-' &&
                         *c != '+')
                    ok = false;
            }
            if (ok && digits) {
                char *end;
                errno = 0;
                double n = strtod(s, &end);
                if (*end == '\0' && errno == 0 && isfinite(n))
                    v = sg_num(r->a, n);
            }
        }
        if (!v) {
            v = sg_strn(r->a, s, len);
            v->quoted = !plain;
        }
    }
    v->text = v->type == SG_STR ? v->u.str.s : sg_strndup(r->a, s, len);
    return v;
}

static int S_node(reader *r, yaml_event_t *ev, int depth, sg_value **out,
                  size_t *size);

/* The keys and values of a mapping into `v`, to its end event. */
static int S_map_items(reader *r, sg_value *v, int depth, size_t *size,
                       sg_hashset *seen)
{
    int rc;
    for (;;) {
        yaml_event_t e;
        if ((rc = S_next(r, &e)))
            return rc;
        if (e.type == YAML_MAPPING_END_EVENT) {
            yaml_event_delete(&e);
            break;
        }
        sg_mark kmark = S_mark(r, e.start_mark);
        if (e.type != YAML_SCALAR_EVENT) {
            rc = sg_error(r->d, r->file, kmark,
                          "keys are plain words such as 'title:'",
                          "a key must be a plain word, not a list or "
                          "mapping");
            yaml_event_delete(&e);
            return rc;
        }
        const char *key = sg_strndup(r->a, (char *)e.data.scalar.value,
                                     e.data.scalar.length);
        yaml_event_delete(&e);
        /* a map of many keys looks them up in a set: not one pass
         * over the keys for each */
        size_t kl = strlen(key);
        bool dup;
        if (v->u.map.n < 16) {
            dup = sg_map_get(v, key) != NULL;
        } else {
            if (v->u.map.n == 16)
                for (size_t i = 0; i < 16; i++)
                    sg_hashset_add(seen, v->u.map.items[i].key,
                                   strlen(v->u.map.items[i].key));
            dup = sg_hashset_has(seen, key, kl);
        }
        if (dup) {
            const sg_pair *first = sg_map_pair(v, key);
            return sg_error(r->d, r->file, kmark,
                            "remove one of the two, or merge them",
                            "duplicate key '%s' (first given at line %u)",
                            key, first->key_mark.line);
        }
        sg_value *item;
        size_t n;
        if ((rc = S_next(r, &e)))
            return rc;
        if ((rc = S_node(r, &e, depth + 1, &item, &n)))
            return rc;
        *size += n;
        sg_map_add(r->a, v, key, item);
        if (v->u.map.n > 16)
            sg_hashset_add(seen, key, kl);
        v->u.map.items[v->u.map.n - 1].key_mark = kmark;
    }
    return 0;
}

static int S_anchor(reader *r, const yaml_char_t *name, sg_value *v,
                    size_t size)
{
    if (!name)
        return 0;
    anchor *an = sg_alloc(r->a, sizeof *an);
    an->name = sg_strdup(r->a, (const char *)name);
    an->val = v;
    an->size = size;
    an->next = r->anchors;   /* newest first: a redefinition shadows */
    r->anchors = an;
    return 0;
}

static int S_count(reader *r, yaml_mark_t at, size_t n)
{
    r->nodes += n;
    if (r->nodes > SG_YAML_MAX_NODES)
        return sg_error(r->d, r->file, S_mark(r, at),
                        "YAML aliases (*name) may not multiply the document; "
                        "write the values out",
                        "YAML document too large: more than %d values once "
                        "aliases are expanded (limit: SG_YAML_MAX_NODES)",
                        SG_YAML_MAX_NODES);
    return 0;
}

/* The start of a list or mapping: its place and anchor taken, the event
 * consumed and counted. NULL (after a diagnostic) past the node limit. */
static sg_value *S_open(reader *r, yaml_event_t *ev, sg_value *v, char **aname)
{
    v->mark = S_mark(r, ev->start_mark);
    yaml_char_t *name = ev->type == YAML_SEQUENCE_START_EVENT
        ? ev->data.sequence_start.anchor : ev->data.mapping_start.anchor;
    *aname = name ? sg_strdup(r->a, (char *)name) : NULL;
    yaml_mark_t start = ev->start_mark;
    yaml_event_delete(ev);
    return S_count(r, start, 1) ? NULL : v;
}

/* Reads the node that starts with `ev` (which it consumes). */
static int S_node(reader *r, yaml_event_t *ev, int depth, sg_value **out,
                  size_t *size)
{
    int rc = 0;
    *size = 1;
    if (depth > SG_YAML_MAX_DEPTH) {
        rc = sg_error(r->d, r->file, S_mark(r, ev->start_mark),
                      "flatten the structure",
                      "YAML nested more than %d levels deep (limit: "
                      "SG_YAML_MAX_DEPTH)", SG_YAML_MAX_DEPTH);
        yaml_event_delete(ev);
        return rc;
    }
    switch (ev->type) {
    case YAML_SCALAR_EVENT: {
        sg_value *v = S_scalar(r, ev);
        v->mark = S_mark(r, ev->start_mark);
        rc = S_count(r, ev->start_mark, 1);
        if (!rc)
            S_anchor(r, ev->data.scalar.anchor, v, 1);
        *out = v;
        break;
    }
    case YAML_ALIAS_EVENT: {
        const char *name = (const char *)ev->data.alias.anchor;
        anchor *an = r->anchors;
        while (an && strcmp(an->name, name) != 0)
            an = an->next;
        if (!an) {
            rc = sg_error(r->d, r->file, S_mark(r, ev->start_mark),
                          "define it with &name before using *name",
                          "YAML alias *%s names no anchor", name);
            break;
        }
        rc = S_count(r, ev->start_mark, an->size);
        *out = an->val;
        *size = an->size;
        break;
    }
    case YAML_SEQUENCE_START_EVENT: {
        char *aname;
        sg_value *v = S_open(r, ev, sg_list(r->a), &aname);
        if (!v)
            return -1;
        for (;;) {
            yaml_event_t e;
            if ((rc = S_next(r, &e)))
                return rc;
            if (e.type == YAML_SEQUENCE_END_EVENT) {
                yaml_event_delete(&e);
                break;
            }
            sg_value *item;
            size_t n;
            if ((rc = S_node(r, &e, depth + 1, &item, &n)))
                return rc;
            *size += n;
            sg_list_push(r->a, v, item);
        }
        S_anchor(r, (yaml_char_t *)aname, v, *size);
        *out = v;
        return 0;
    }
    case YAML_MAPPING_START_EVENT: {
        char *aname;
        sg_value *v = S_open(r, ev, sg_map(r->a), &aname);
        if (!v)
            return -1;
        sg_hashset seen = SG_HASHSET_INIT;
        rc = S_map_items(r, v, depth, size, &seen);
        sg_hashset_free(&seen);
        if (rc)
            return rc;
        S_anchor(r, (yaml_char_t *)aname, v, *size);
        *out = v;
        return 0;
    }
    default:
        rc = sg_error(r->d, r->file, S_mark(r, ev->start_mark), NULL,
                      "unexpected YAML structure");
        break;
    }
    yaml_event_delete(ev);
    return rc;
}

int sg_yaml_parse(sg_arena *a, const char *file, const char *data,
                  size_t len, unsigned first_line, sg_value **out,
                  sg_diags *d)
{
    reader r = { .a = a, .file = file, .first_line = first_line, .d = d };
    int rc = 0;
    *out = NULL;
    if (!yaml_parser_initialize(&r.parser))
        return sg_error(d, file, (sg_mark){0, 0}, NULL,
                        "cannot start the YAML parser");
    yaml_parser_set_input_string(&r.parser, (const unsigned char *)data, len);
    yaml_parser_set_encoding(&r.parser, YAML_UTF8_ENCODING);

    yaml_event_t ev;
    bool done = false;
    while (!rc && !done) {
        if ((rc = S_next(&r, &ev)))
            break;
        switch (ev.type) {
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_END_EVENT:
            yaml_event_delete(&ev);
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (*out) {
                rc = sg_error(d, file, S_mark(&r, ev.start_mark),
                              "keep one YAML document; remove the extra '---'",
                              "more than one YAML document");
            }
            yaml_event_delete(&ev);
            break;
        case YAML_STREAM_END_EVENT:
            yaml_event_delete(&ev);
            done = true;
            break;
        default: {
            size_t n;
            if (*out) {
                yaml_event_delete(&ev);
                rc = -1;
                break;
            }
            rc = S_node(&r, &ev, 0, out, &n);
            break;
        }
        }
    }
    yaml_parser_delete(&r.parser);
    if (rc)
        return -1;
    if (!*out)
        *out = sg_null(a);
    return 0;
}
