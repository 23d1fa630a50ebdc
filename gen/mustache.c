/* mustache.c - compile Mustache templates to a tree and render them.
 *
 * Compilation runs in four passes over a flat token list, because the
 * whitespace rules of the specification are about lines, not tags:
 *   1. tokenize, honouring set-delimiter tags, splitting text at newlines;
 *   2. find standalone lines (only whitespace and non-output tags) and
 *      drop their whitespace, keeping it as the indentation of partials,
 *      parents and blocks on that line;
 *   3. re-indent blocks: a standalone block's body loses its own
 *      indentation, which is added back where the block is expanded
 *      (the inheritance module's "block reindentation");
 *   4. build the tree, checking that sections close in order.
 */
#include "mustache.h"
#include "escape.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum {
    T_TEXT, T_VAR, T_SECTION, T_INVERTED, T_CLOSE, T_COMMENT,
    T_PARTIAL, T_PARENT, T_BLOCK, T_DELIM, T_ROOT
} tkind;

typedef struct node node;
struct node {
    tkind kind;
    bool raw;             /* {{{x}}} / {{&x}}: no escaping */
    bool dynamic;         /* {{>*x}}: the name is looked up in the data */
    bool standalone;      /* alone on its line (partials, parents, blocks) */
    const char *text;     /* T_TEXT */
    size_t len;
    const char *name;     /* tag name as written, without sigils */
    const char **parts;   /* dotted name split; nparts 0 means "." */
    size_t *part_len;     /* their lengths, so lookups need no strlen */
    size_t nparts;
    const char *indent;   /* indentation to add when expanded */
    size_t indent_len;
    node **kids;
    size_t nkids, capkids;
    unsigned line, col;
};

struct sg_tpl {
    const char *file;
    node root;
};

const char *sg_tpl_file(const sg_tpl *t) { return t->file; }

/* ---- pass 1: tokens ------------------------------------------------ */

typedef struct token {
    tkind kind;
    bool raw, dynamic, standalone, removed;
    const char *text;     /* text tokens: the (possibly trimmed) slice */
    size_t text_len;
    const char *name;
    size_t start, end;    /* byte range in the source */
    unsigned line, col;
    const char *indent;
    size_t indent_len;
} token;

typedef struct compiler {
    sg_arena *a;
    const char *file;
    const char *src;
    size_t len;
    sg_diags *d;
    token *toks;
    size_t n, cap;
    size_t pos_scan, line_scan, linestart_scan; /* incremental line count */
    int errors;
} compiler;

static void S_where(compiler *c, size_t off, unsigned *line, unsigned *col)
{
    if (off < c->pos_scan) {   /* rare: rescan from the start */
        c->pos_scan = 0;
        c->line_scan = 1;
        c->linestart_scan = 0;
    }
    for (; c->pos_scan < off; c->pos_scan++) {
        if (c->src[c->pos_scan] == '\n') {
            c->line_scan++;
            c->linestart_scan = c->pos_scan + 1;
        }
    }
    *line = (unsigned)c->line_scan;
    *col = (unsigned)(off - c->linestart_scan + 1);
}

static token *S_tok(compiler *c, tkind k, size_t start, size_t end)
{
    if (c->n == c->cap)
        c->toks = sg_grow(c->a, c->toks, &c->cap, 64, sizeof *c->toks);
    token *t = &c->toks[c->n++];
    memset(t, 0, sizeof *t);
    t->kind = k;
    t->start = start;
    t->end = end;
    S_where(c, start, &t->line, &t->col);
    return t;
}

static void S_err(compiler *c, size_t off, const char *hint,
                  const char *msg_fmt, const char *arg)
{
    unsigned line, col;
    S_where(c, off, &line, &col);
    sg_error(c->d, c->file, ((sg_mark){line, col}), hint, msg_fmt, arg);
    c->errors++;
}

/* Text is split after every newline so that pass 2 can work by lines. */
static void S_text(compiler *c, size_t from, size_t to)
{
    while (from < to) {
        const char *nl = memchr(c->src + from, '\n', to - from);
        size_t end = nl ? (size_t)(nl - c->src) + 1 : to;
        token *t = S_tok(c, T_TEXT, from, end);
        t->text = c->src + from;
        t->text_len = end - from;
        from = end;
    }
}

static const char *S_find(const char *hay, size_t hlen, const char *needle,
                          size_t nlen)
{
    if (nlen == 0 || hlen < nlen)
        return NULL;
    const char *end = hay + hlen - nlen;
    for (const char *p = hay; p <= end; p++) {
        p = memchr(p, needle[0], (size_t)(end - p) + 1);
        if (!p)
            return NULL;
        if (memcmp(p, needle, nlen) == 0)
            return p;
    }
    return NULL;
}

static bool S_space(char ch) { return ch == ' ' || ch == '\t'; }

static void S_trim(const char **s, size_t *len)
{
    while (*len && (S_space(**s) || **s == '\n' || **s == '\r')) {
        (*s)++;
        (*len)--;
    }
    while (*len && (S_space((*s)[*len - 1]) || (*s)[*len - 1] == '\n' ||
                    (*s)[*len - 1] == '\r'))
        (*len)--;
}

static int S_tokenize(compiler *c)
{
    char open[16] = "{{", close[16] = "}}";
    size_t olen = 2, clen = 2, pos = 0;
    while (pos < c->len) {
        const char *o = S_find(c->src + pos, c->len - pos, open, olen);
        if (!o) {
            S_text(c, pos, c->len);
            break;
        }
        size_t tag = (size_t)(o - c->src);
        S_text(c, pos, tag);
        size_t body = tag + olen;
        char sigil = body < c->len ? c->src[body] : '\0';
        /* {{{x}}} and {{=a b=}} close with a sigil before the delimiter */
        char closer[17];
        size_t closer_len = clen;
        if (sigil == '{' || sigil == '=') {
            closer[0] = sigil == '{' ? '}' : '=';
            memcpy(closer + 1, close, clen);
            closer_len = clen + 1;
        } else {
            memcpy(closer, close, clen);
        }
        closer[closer_len] = '\0';   /* it is printed in diagnostics */
        /* the sigil is not part of the name, nor of the closing
         * delimiter: with {{=% >=}}, "%>x>" is a partial named x */
        bool has_sigil = sigil && strchr("#^/!><$&{=", sigil);
        size_t from = body + (has_sigil ? 1 : 0);
        const char *e = S_find(c->src + from, c->len - from, closer,
                               closer_len);
        if (!e) {
            S_err(c, tag, "add the closing delimiter, or write the braces "
                  "as text with a set-delimiter tag",
                  "tag not closed: missing '%s'", closer);
            return -1;
        }
        size_t end = (size_t)(e - c->src) + closer_len;
        const char *name = c->src + from;
        size_t name_len = (size_t)(e - c->src) - from;
        tkind k = T_VAR;
        bool raw = false;
        switch (sigil) {
        case '#': k = T_SECTION; break;
        case '^': k = T_INVERTED; break;
        case '/': k = T_CLOSE; break;
        case '!': k = T_COMMENT; break;
        case '>': k = T_PARTIAL; break;
        case '<': k = T_PARENT; break;
        case '$': k = T_BLOCK; break;
        case '=': k = T_DELIM; break;
        case '&': raw = true; break;
        case '{': raw = true; break;
        default: break;
        }
        token *t = S_tok(c, k, tag, end);
        t->raw = raw;
        if (k == T_DELIM) {
            /* "=<% %>=": two words, neither containing '=' */
            const char *p = name, *pe = name + name_len;
            while (p < pe && S_space(*p)) p++;
            const char *a0 = p;
            while (p < pe && !S_space(*p)) p++;
            const char *a1 = p;
            while (p < pe && S_space(*p)) p++;
            const char *b0 = p;
            while (p < pe && !S_space(*p)) p++;
            const char *b1 = p;
            while (p < pe && S_space(*p)) p++;
            size_t al = (size_t)(a1 - a0), bl = (size_t)(b1 - b0);
            if (p != pe || !al || !bl || al >= sizeof open ||
                bl >= sizeof close || memchr(a0, '=', al) ||
                memchr(b0, '=', bl)) {
                S_err(c, tag, "write it as {{=<% %>=}}: two delimiters "
                      "separated by a space", "bad set-delimiter tag%s", "");
                return -1;
            }
            memcpy(open, a0, al);
            open[al] = '\0';
            olen = al;
            memcpy(close, b0, bl);
            close[bl] = '\0';
            clen = bl;
        } else if (k != T_COMMENT) {
            S_trim(&name, &name_len);
            if ((k == T_PARTIAL || k == T_PARENT) && name_len &&
                name[0] == '*') {
                t->dynamic = true;
                name++;
                name_len--;
                S_trim(&name, &name_len);   /* "{{> * name }}" */
            }
            if (!name_len) {
                S_err(c, tag, "put a name between the braces, e.g. {{title}}",
                      "empty tag%s", "");
                return -1;
            }
            t->name = sg_strndup(c->a, name, name_len);
        }
        pos = end;
    }
    return 0;
}

/* ---- pass 2: standalone lines ------------------------------------- */

static bool S_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!S_space(s[i]) && s[i] != '\n' && s[i] != '\r')
            return false;
    /* a lone '\r' not followed by '\n' is content, not a line ending */
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\r' && !(i + 1 < len && s[i + 1] == '\n'))
            return false;
    return true;
}

static bool S_ends_line(const token *t)
{
    return t->kind == T_TEXT && t->text_len && t->text[t->text_len - 1] == '\n';
}

static void S_standalone(compiler *c)
{
    size_t i = 0;
    while (i < c->n) {
        size_t j = i;   /* the line is tokens i..j */
        while (j < c->n && !S_ends_line(&c->toks[j]))
            j++;
        size_t last = j < c->n ? j : c->n - 1;
        bool ok = true;
        int tags = 0;
        for (size_t k = i; k <= last && ok; k++) {
            const token *t = &c->toks[k];
            if (t->kind == T_TEXT)
                ok = S_blank(t->text, t->text_len);
            else if (t->kind == T_VAR)
                ok = false;
            else
                tags++;
        }
        /* An empty block "{{$b}}{{/b}}" on one line is a slot in a line
         * of text: its whitespace and newline belong to the output. */
        for (size_t k = i; k <= last && ok; k++) {
            if (c->toks[k].kind != T_BLOCK)
                continue;
            for (size_t m = k + 1; m <= last; m++)
                if (c->toks[m].kind == T_CLOSE &&
                    strcmp(c->toks[m].name, c->toks[k].name) == 0)
                    ok = false;
        }
        if (ok && tags) {
            const token *first = &c->toks[i];
            const char *ind = "";
            size_t ind_len = 0;
            if (first->kind == T_TEXT && !S_ends_line(first)) {
                ind = first->text;
                ind_len = first->text_len;
            }
            for (size_t k = i; k <= last; k++) {
                token *t = &c->toks[k];
                if (t->kind == T_TEXT) {
                    t->removed = true;
                } else {
                    t->standalone = true;
                    t->indent = ind;
                    t->indent_len = ind_len;
                }
            }
        }
        i = last + 1;
    }
}

/* ---- pass 3: block indentation ------------------------------------ */

static size_t S_common(const char *a, size_t al, const char *b, size_t bl)
{
    size_t n = 0;
    while (n < al && n < bl && a[n] == b[n] && S_space(a[n]))
        n++;
    return n;
}

/* Whitespace from the start of the line holding `off` up to `off`, when
 * there is nothing else before it; otherwise empty. */
static void S_lead(compiler *c, size_t off, const char **s, size_t *len)
{
    size_t b = off;
    while (b > 0 && c->src[b - 1] != '\n')
        b--;
    for (size_t k = b; k < off; k++)
        if (!S_space(c->src[k])) {
            *s = "";
            *len = 0;
            return;
        }
    *s = c->src + b;
    *len = off - b;
}

static void S_reindent(compiler *c)
{
    const char *strip[SG_TPL_MAX_NESTING + 1];
    size_t strip_len[SG_TPL_MAX_NESTING + 1];
    int sp = 0;
    strip[0] = "";
    strip_len[0] = 0;
    for (size_t i = 0; i < c->n; i++) {
        token *t = &c->toks[i];
        if (t->removed)
            continue;
        const char *s = strip[sp];
        size_t sl = strip_len[sp];
        switch (t->kind) {
        case T_TEXT:
            if (sl && (t->start == 0 || c->src[t->start - 1] == '\n')) {
                size_t cut = S_common(t->text, t->text_len, s, sl);
                t->text += cut;
                t->text_len -= cut;
            }
            break;
        case T_PARTIAL:
        case T_PARENT:
            if (t->standalone) {
                size_t cut = S_common(t->indent, t->indent_len, s, sl);
                t->indent += cut;
                t->indent_len -= cut;
            }
            if (t->kind == T_PARENT && sp < SG_TPL_MAX_NESTING) {
                sp++;
                strip[sp] = s;
                strip_len[sp] = sl;
            }
            break;
        case T_SECTION:
        case T_INVERTED:
            if (sp < SG_TPL_MAX_NESTING) {
                sp++;
                strip[sp] = s;
                strip_len[sp] = sl;
            }
            break;
        case T_BLOCK: {
            const char *own = s;
            size_t own_len = sl;
            if (t->standalone) {
                /* the body's first line sets its indentation, unless the
                 * body is empty: then the tag's own */
                size_t k = i + 1;
                while (k < c->n && c->toks[k].removed)
                    k++;
                if (k < c->n && !(c->toks[k].kind == T_CLOSE &&
                                  strcmp(c->toks[k].name, t->name) == 0)) {
                    size_t b = c->toks[k].start;
                    while (b > 0 && c->src[b - 1] != '\n')
                        b--;
                    size_t e = b;
                    while (e < c->len && S_space(c->src[e]))
                        e++;
                    own = c->src + b;
                    own_len = e - b;
                } else {
                    own = t->indent;
                    own_len = t->indent_len;
                }
                t->indent = own;
                t->indent_len = own_len;
            } else {
                S_lead(c, t->start, &t->indent, &t->indent_len);
            }
            size_t cut = S_common(t->indent, t->indent_len, s, sl);
            t->indent += cut;
            t->indent_len -= cut;
            if (sp < SG_TPL_MAX_NESTING) {
                sp++;
                strip[sp] = t->standalone ? own : s;
                strip_len[sp] = t->standalone ? own_len : sl;
            }
            break;
        }
        case T_CLOSE:
            if (sp > 0)
                sp--;
            break;
        default:
            break;
        }
    }
}

/* ---- pass 4: the tree --------------------------------------------- */

static void S_kid(sg_arena *a, node *parent, node *kid)
{
    if (parent->nkids == parent->capkids) {
        size_t cap = parent->capkids ? parent->capkids * 2 : 4;
        parent->kids = sg_realloc(a, parent->kids,
                                  parent->nkids * sizeof(node *),
                                  cap * sizeof(node *));
        parent->capkids = cap;
    }
    parent->kids[parent->nkids++] = kid;
}

static void S_split_name(sg_arena *a, node *nd)
{
    if (strcmp(nd->name, ".") == 0)
        return;
    size_t n = 1;
    for (const char *p = nd->name; *p; p++)
        n += *p == '.';
    nd->parts = sg_alloc(a, n * sizeof(char *));
    nd->part_len = sg_alloc(a, n * sizeof(size_t));
    const char *p = nd->name;
    for (size_t i = 0; i < n; i++) {
        const char *dot = strchr(p, '.');
        size_t len = dot ? (size_t)(dot - p) : strlen(p);
        nd->parts[i] = sg_strndup(a, p, len);
        nd->part_len[i] = len;
        p = dot ? dot + 1 : p + len;
    }
    nd->nparts = n;
}

static const char *S_kind_word(tkind k)
{
    switch (k) {
    case T_SECTION: return "section";
    case T_INVERTED: return "inverted section";
    case T_PARENT: return "parent";
    case T_BLOCK: return "block";
    default: return "tag";
    }
}

static int S_build(compiler *c, node *root)
{
    node *stack[SG_TPL_MAX_NESTING + 1];
    int sp = 0;
    stack[0] = root;
    for (size_t i = 0; i < c->n; i++) {
        token *t = &c->toks[i];
        if (t->removed || t->kind == T_COMMENT || t->kind == T_DELIM)
            continue;
        if (t->kind == T_TEXT && !t->text_len)
            continue;
        if (t->kind == T_CLOSE) {
            node *open = stack[sp];
            if (sp == 0) {
                unsigned line, col;
                S_where(c, t->start, &line, &col);
                sg_error(c->d, c->file, ((sg_mark){line, col}),
                         "remove it, or open the section before it",
                         "closing tag {{/%s}} has no open section", t->name);
                return -1;
            }
            if (strcmp(open->name, t->name) != 0) {
                unsigned line, col;
                S_where(c, t->start, &line, &col);
                sg_error(c->d, c->file, ((sg_mark){line, col}),
                         "close the innermost section first",
                         "closing tag {{/%s}} does not match %s '%s' opened "
                         "at line %u, column %u", t->name,
                         S_kind_word(open->kind), open->name, open->line,
                         open->col);
                return -1;
            }
            sp--;
            continue;
        }
        node *nd = sg_alloc(c->a, sizeof *nd);
        nd->kind = t->kind;
        nd->raw = t->raw;
        nd->dynamic = t->dynamic;
        nd->standalone = t->standalone;
        nd->line = t->line;
        nd->col = t->col;
        nd->indent = t->indent ? t->indent : "";
        nd->indent_len = t->indent_len;
        if (t->kind == T_TEXT) {
            nd->text = t->text;
            nd->len = t->text_len;
        } else {
            nd->name = t->name;
            S_split_name(c->a, nd);
        }
        S_kid(c->a, stack[sp], nd);
        if (t->kind == T_SECTION || t->kind == T_INVERTED ||
            t->kind == T_PARENT || t->kind == T_BLOCK) {
            if (sp == SG_TPL_MAX_NESTING) {
                unsigned line, col;
                S_where(c, t->start, &line, &col);
                sg_error(c->d, c->file, ((sg_mark){line, col}), NULL,
                         "sections nested more than %d deep",
                         SG_TPL_MAX_NESTING);
                return -1;
            }
            stack[++sp] = nd;
        }
    }
    if (sp > 0) {
        node *open = stack[sp];
        sg_error(c->d, c->file, ((sg_mark){open->line, open->col}),
                 "add the closing tag {{/name}} where the section ends",
                 "%s '%s' is never closed", S_kind_word(open->kind),
                 open->name);
        return -1;
    }
    return 0;
}

sg_tpl *sg_tpl_compile(sg_arena *a, const char *file, const char *src,
                       size_t len, sg_diags *d)
{
    /* the tree points into the source: keep a copy in the arena */
    const char *copy = sg_strndup(a, src, len);
    compiler c = { .a = a, .file = file, .src = copy, .len = len, .d = d,
                   .line_scan = 1 };
    if (S_tokenize(&c) != 0 || c.errors)
        return NULL;
    S_standalone(&c);
    S_reindent(&c);
    sg_tpl *t = sg_alloc(a, sizeof *t);
    t->file = sg_strdup(a, file);
    t->root.kind = T_ROOT;
    t->root.name = "";
    if (S_build(&c, &t->root) != 0)
        return NULL;
    return t;
}

/* ---- rendering ---------------------------------------------------- */

typedef struct rstate {
    const sg_tpl_loader *loader;
    sg_buf *out;
    sg_diags *d;
    const char *file;           /* template being rendered, for errors */
    const sg_value **ctx;       /* context stack, top last */
    size_t nctx, capctx;
    const node **frames;        /* parents' overrides, outermost first */
    size_t nframes, capframes;
    sg_buf indent;              /* indentation added at each line start */
    bool bol;                   /* at the start of an output line */
    int depth;
    /* Lazy values (sg_lazy) are built in `arena` when a tag reaches them:
     * each section item gets a mark, released when the item is done, so
     * a list of 100,000 lazy case views needs room for one at a time.
     * `memo` remembers what was built, and at which section level, so
     * {{case.a}} {{case.b}} builds the case once. */
    sg_arena arena;
    struct memo { const sg_value *lazy, *built; unsigned level; } *memo;
    size_t nmemo, capmemo;
    unsigned level;
    /* the bound on one render: bytes written since it began, and steps
     * (tags and list items visited), which sections nested over lists
     * multiply even when they write nothing */
    size_t start, max_out;
    unsigned long long steps, max_steps;
    /* sg_tpl_render_to: where pieces go, and the bytes taken so far */
    sg_tpl_flush flush;
    void *flush_ctx;
    size_t taken;
} rstate;

static const sg_value *S_forced(rstate *st, const sg_value *v)
{
    if (!v || v->type != SG_LAZY)
        return v;
    for (size_t i = st->nmemo; i-- > 0;)
        if (st->memo[i].lazy == v)
            return st->memo[i].built;
    if (st->nmemo == st->capmemo) {
        st->capmemo = st->capmemo ? st->capmemo * 2 : 16;
        struct memo *p = realloc(st->memo, st->capmemo * sizeof *p);
        if (!p)
            abort();
        st->memo = p;
    }
    const sg_value *b = sg_force(v, &st->arena);
    st->memo[st->nmemo++] = (struct memo){ v, b, st->level };
    return b;
}

/* A section item begins: what it builds is dropped when it ends. */
static sg_arena_mark S_enter(rstate *st)
{
    st->level++;
    return sg_arena_save(&st->arena);
}

static void S_leave(rstate *st, sg_arena_mark m)
{
    sg_arena_release(&st->arena, m);
    while (st->nmemo && st->memo[st->nmemo - 1].level >= st->level)
        st->nmemo--;
    st->level--;
}

static void S_push_ctx(rstate *st, const sg_value *v)
{
    if (st->nctx == st->capctx) {
        st->capctx = st->capctx ? st->capctx * 2 : 16;
        const sg_value **p = realloc(st->ctx, st->capctx * sizeof *p);
        if (!p)
            abort();
        st->ctx = p;
    }
    st->ctx[st->nctx++] = v;
}

/* A map's key, or (an extension the spec leaves open) a list's item by
 * number: {{#tags.0}} is true when the list has a first item. */
static const sg_value *S_member(const sg_value *v, const char *part,
                                size_t len)
{
    if (v->type == SG_LIST && *part >= '0' && *part <= '9') {
        char *end;
        unsigned long i = strtoul(part, &end, 10);
        return *end == '\0' && i < v->u.list.n ? v->u.list.items[i] : NULL;
    }
    return sg_map_getn(v, part, len);
}

static const sg_value *S_lookup(rstate *st, const node *nd)
{
    if (!nd->nparts)
        return st->nctx ? st->ctx[st->nctx - 1] : NULL;
    const sg_value *v = NULL;
    for (size_t i = st->nctx; i-- > 0;) {
        v = sg_map_getn(st->ctx[i], nd->parts[0], nd->part_len[0]);
        if (v)
            break;
    }
    for (size_t k = 1; v && k < nd->nparts; k++)
        v = S_member(S_forced(st, v), nd->parts[k], nd->part_len[k]);
    return v;
}

static void S_indent(rstate *st)
{
    if (st->bol && st->indent.len)
        sg_buf_put(st->out, st->indent.ptr, st->indent.len);
    st->bol = false;
}

static void S_emit_text(rstate *st, const char *p, size_t len)
{
    const char *end = p + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *seg_end = nl ? nl + 1 : end;
        /* blank lines get no indentation: no trailing spaces */
        if (!(seg_end - p == 1 && *p == '\n') &&
            !(seg_end - p == 2 && p[0] == '\r' && p[1] == '\n'))
            S_indent(st);
        sg_buf_put(st->out, p, (size_t)(seg_end - p));
        st->bol = nl != NULL;
        p = seg_end;
    }
}

static int S_render(rstate *st, const node *nd);

/* 256 MiB, 1 GiB, 1000 bytes: a limit as a reader would write it. */
static void S_size(char *b, size_t n, unsigned long long x)
{
    if (x >= 1u << 30 && x % (1u << 30) == 0)
        snprintf(b, n, "%llu GiB", x >> 30);
    else if (x >= 1u << 20 && x % (1u << 20) == 0)
        snprintf(b, n, "%llu MiB", x >> 20);
    else
        snprintf(b, n, "%llu bytes", x);
}

/* -1 once the render has written more than its limit or worked as many
 * steps; reports it at `nd`, the tag it was rendering. */
static int S_bound(rstate *st, const node *nd)
{
    bool big = st->taken + st->out->len - st->start > st->max_out;
    if (!big && st->steps <= st->max_steps)
        return 0;
    const char *hint = "a section over a list inside another multiplies "
                       "the work: check how the sections of the template "
                       "nest, or make the data smaller";
    if (big) {
        char lim[32];
        S_size(lim, sizeof lim, st->max_out);
        return sg_error(st->d, st->file, ((sg_mark){nd->line, nd->col}),
                        hint, "output larger than the limit of %s for one "
                        "page (reached while rendering this tag)", lim);
    }
    return sg_error(st->d, st->file, ((sg_mark){nd->line, nd->col}), hint,
                    "more than the limit of %llu steps (tags and list "
                    "items) for one page (reached while rendering this "
                    "tag)", st->max_steps);
}

static int S_kids(rstate *st, const node *nd)
{
    for (size_t i = 0; i < nd->nkids; i++)
        if (S_render(st, nd->kids[i]) != 0 || S_bound(st, nd->kids[i]) != 0)
            return -1;
    return 0;
}

static int S_too_deep(rstate *st, const node *nd)
{
    return sg_error(st->d, st->file, ((sg_mark){nd->line, nd->col}),
                    "a partial, parent or block probably includes itself "
                    "without a section that ends the recursion",
                    "templates nested more than %d deep at '%s'",
                    SG_TPL_MAX_DEPTH, nd->name);
}

/* The partial or parent a tag names, NULL when there is none. */
static const sg_tpl *S_load(rstate *st, const node *nd)
{
    const char *name = nd->name;
    if (nd->dynamic) {
        node tmp = *nd;
        /* "*a.*b" and "**a" are names that simply do not resolve */
        const sg_value *v = S_lookup(st, &tmp);
        name = sg_value_str(v);
        if (!name)
            return NULL;
    }
    if (!st->loader || !st->loader->load)
        return NULL;
    return st->loader->load(st->loader->ctx, name, st->d);
}

static int S_include(rstate *st, const node *nd, const sg_tpl *t)
{
    if (st->depth >= SG_TPL_MAX_DEPTH)
        return S_too_deep(st, nd);
    size_t save = st->indent.len;
    const char *file = st->file;
    if (nd->standalone) {
        sg_buf_put(&st->indent, nd->indent, nd->indent_len);
        st->bol = true;
    }
    st->depth++;
    st->file = t->file;
    int rc = S_kids(st, &t->root);
    st->file = file;
    st->depth--;
    sg_buf_truncate(&st->indent, save);
    return rc;
}

static int S_render(rstate *st, const node *nd)
{
    st->steps++;
    switch (nd->kind) {
    case T_TEXT:
        S_emit_text(st, nd->text, nd->len);
        return 0;
    case T_VAR: {
        const sg_value *v = S_forced(st, S_lookup(st, nd));
        if (!v || v->type == SG_NULL || v->type == SG_LIST ||
            v->type == SG_MAP || v->type == SG_LAZY)
            return 0;
        size_t before = st->out->len;
        bool bol = st->bol;
        S_indent(st);
        size_t start = st->out->len;
        if (nd->raw || v->type != SG_STR) {
            sg_value_text(st->out, v);
        } else {
            sg_html_escape(st->out, v->u.str.s, v->u.str.len);
        }
        if (st->out->len == start) {   /* nothing written: undo indent */
            sg_buf_truncate(st->out, before);
            st->bol = bol;
        }
        return 0;
    }
    case T_SECTION: {
        const sg_value *v = S_forced(st, S_lookup(st, nd));
        if (!sg_value_truthy(v))
            return 0;
        if (v->type == SG_LIST) {
            for (size_t i = 0; i < v->u.list.n; i++) {
                st->steps++;
                sg_arena_mark m = S_enter(st);
                S_push_ctx(st, S_forced(st, v->u.list.items[i]));
                int rc = S_kids(st, nd);
                st->nctx--;
                S_leave(st, m);
                if (rc || (rc = S_bound(st, nd)) != 0)
                    return rc;
                if (st->flush && st->out->len >= SG_TPL_PIECE) {
                    size_t had = st->out->len;
                    st->flush(st->flush_ctx, st->out);
                    st->taken += had - st->out->len;
                }
            }
            return 0;
        }
        sg_arena_mark m = S_enter(st);
        S_push_ctx(st, S_forced(st, v));
        int rc = S_kids(st, nd);
        st->nctx--;
        S_leave(st, m);
        return rc;
    }
    case T_INVERTED:
        if (sg_value_truthy(S_forced(st, S_lookup(st, nd))))
            return 0;
        return S_kids(st, nd);
    case T_PARTIAL: {
        const sg_tpl *t = S_load(st, nd);
        return t ? S_include(st, nd, t) : 0;
    }
    case T_PARENT: {
        const sg_tpl *t = S_load(st, nd);
        if (!t)
            return 0;
        if (st->nframes == st->capframes) {
            st->capframes = st->capframes ? st->capframes * 2 : 8;
            const node **p = realloc(st->frames,
                                     st->capframes * sizeof *p);
            if (!p)
                abort();
            st->frames = p;
        }
        st->frames[st->nframes++] = nd;
        int rc = S_include(st, nd, t);
        st->nframes--;
        return rc;
    }
    case T_BLOCK: {
        /* the outermost override wins: the page over its layout */
        const node *body = NULL;
        for (size_t f = 0; f < st->nframes && !body; f++) {
            const node *p = st->frames[f];
            for (size_t k = 0; k < p->nkids; k++)
                if (p->kids[k]->kind == T_BLOCK &&
                    strcmp(p->kids[k]->name, nd->name) == 0) {
                    body = p->kids[k];
                    break;
                }
        }
        if (st->depth >= SG_TPL_MAX_DEPTH)
            return S_too_deep(st, nd);
        size_t save = st->indent.len;
        if (nd->standalone) {
            sg_buf_put(&st->indent, nd->indent, nd->indent_len);
            st->bol = true;
        } else if (body) {
            sg_buf_put(&st->indent, nd->indent, nd->indent_len);
        }
        st->depth++;
        int rc = S_kids(st, body ? body : nd);
        st->depth--;
        sg_buf_truncate(&st->indent, save);
        return rc;
    }
    default:
        return 0;
    }
}

int sg_tpl_render(const sg_tpl *t, const sg_value *data,
                  const sg_tpl_loader *loader, sg_buf *out, sg_diags *d)
{
    return sg_tpl_render_max(t, data, loader, SG_TPL_MAX_OUTPUT, out, d);
}

static int S_render_top(const sg_tpl *t, const sg_value *data,
                        const sg_tpl_loader *loader, size_t max_out,
                        sg_buf *out, sg_tpl_flush flush, void *flush_ctx,
                        sg_diags *d)
{
    rstate st = { .loader = loader, .out = out, .d = d, .file = t->file,
                  .indent = SG_BUF_INIT, .bol = true,
                  .arena = SG_ARENA_INIT, .start = out->len,
                  .max_out = max_out,
                  .max_steps = max_out > SG_TPL_MIN_STEPS ? max_out
                                                          : SG_TPL_MIN_STEPS,
                  .flush = flush, .flush_ctx = flush_ctx };
    if (data)
        S_push_ctx(&st, S_forced(&st, data));
    int rc = S_kids(&st, &t->root);
    free(st.ctx);
    free(st.frames);
    free(st.memo);
    sg_arena_free(&st.arena);
    sg_buf_free(&st.indent);
    return rc;
}

int sg_tpl_render_max(const sg_tpl *t, const sg_value *data,
                      const sg_tpl_loader *loader, size_t max_out,
                      sg_buf *out, sg_diags *d)
{
    return S_render_top(t, data, loader, max_out, out, NULL, NULL, d);
}

int sg_tpl_render_to(const sg_tpl *t, const sg_value *data,
                     const sg_tpl_loader *loader, sg_buf *out,
                     sg_tpl_flush flush, void *flush_ctx, sg_diags *d)
{
    /* pieces are taken from the front: nothing of the caller's before */
    sg_buf_reset(out);
    return S_render_top(t, data, loader, SG_TPL_MAX_OUTPUT, out, flush,
                        flush_ctx, d);
}

static int S_check(const sg_tpl *t, const node *nd,
                   const sg_tpl_loader *loader, sg_diags *d)
{
    int missing = 0;
    if ((nd->kind == T_PARTIAL || nd->kind == T_PARENT) && !nd->dynamic &&
        (!loader || !loader->load(loader->ctx, nd->name, d))) {
        sg_warn(d, t->file, ((sg_mark){nd->line, nd->col}),
                "create the template file, or fix the name",
                "%s '%s' not found; it renders as empty",
                nd->kind == T_PARTIAL ? "partial" : "parent", nd->name);
        missing++;
    }
    for (size_t i = 0; i < nd->nkids; i++)
        missing += S_check(t, nd->kids[i], loader, d);
    return missing;
}

int sg_tpl_check_partials(const sg_tpl *t, const sg_tpl_loader *loader,
                          sg_diags *d)
{
    return S_check(t, &t->root, loader, d);
}
