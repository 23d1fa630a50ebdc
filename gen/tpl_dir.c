/* tpl_dir.c - the folder loader for partials and parents. */
#include "tpl_dir.h"

#include <string.h>

#include "fs.h"

struct sg_tpl_entry {
    const char *name;
    const sg_tpl *tpl;     /* NULL: missing or broken */
    sg_tpl_entry *next;
};

bool sg_tpl_name_ok(const char *name)
{
    if (!*name || *name == '/')
        return false;
    const char *part = name;
    for (const char *p = name;; p++) {
        if (*p == '/' || *p == '\0') {
            size_t len = (size_t)(p - part);
            if (len == 0 || (len == 1 && part[0] == '.') ||
                (len == 2 && part[0] == '.' && part[1] == '.'))
                return false;
            if (!*p)
                return true;
            part = p + 1;
            continue;
        }
        char c = *p;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'))
            return false;
    }
}

static const sg_tpl *S_load(void *ctx, const char *name, sg_diags *d)
{
    return sg_tpl_dir_get(ctx, name, d);
}

void sg_tpl_dir_init(sg_tpl_dir *td, sg_arena *a, const char *dir)
{
    memset(td, 0, sizeof *td);
    td->a = a;
    td->dir = sg_strdup(a, dir);
    td->loader.ctx = td;
    td->loader.load = S_load;
}

const sg_tpl *sg_tpl_dir_get(sg_tpl_dir *td, const char *name, sg_diags *d)
{
    for (sg_tpl_entry *e = td->entries; e; e = e->next)
        if (strcmp(e->name, name) == 0)
            return e->tpl;
    if (td->frozen)
        return NULL;
    sg_tpl_entry *e = sg_alloc(td->a, sizeof *e);
    e->name = sg_strdup(td->a, name);
    e->next = td->entries;
    td->entries = e;
    if (!sg_tpl_name_ok(name))
        return NULL;
    char *path = sg_printf(td->a, "%s/%s.mustache", td->dir, name);
    if (!sg_exists(path))
        return NULL;
    sg_buf src = SG_BUF_INIT;
    if (sg_read_file(path, SG_MAX_FILE_SIZE, &src, d) == 0) {
        e->tpl = sg_tpl_compile(td->a, path, src.ptr, src.len, d);
        if (!e->tpl)
            td->failures++;
    } else {
        td->failures++;
    }
    sg_buf_free(&src);
    return e->tpl;
}
