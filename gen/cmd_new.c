/* cmd_new.c - `gen new SLUG`: a case file with every key as an example. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "case_check.h"
#include "commands.h"
#include "fs.h"

static const char *const help =
    "usage: gen new SLUG [--title TITLE] [--assessment] [--cases DIR]\n"
    "               [--vocabulary FILE]\n"
    "\n"
    "Writes DIR/SLUG.md (default DIR: cases) with every key of the case\n"
    "format present, the optional ones as commented examples. It never\n"
    "overwrites a file. Fill in the keys that are not commented out (the\n"
    "required ones), uncomment what your sources say, then run `gen check`.\n"
    "The new case has `draft: true`: gen build leaves it out (--drafts shows\n"
    "it) until you remove that line.\n"
    "The keys and their examples come from the vocabulary (--vocabulary).\n"
    "\n"
    "--assessment  also write every self-assessment question of the\n"
    "              vocabulary (002, Table 1) as a commented prompt: its id as\n"
    "              the key, the question and its hints as comments above it.\n"
    "              Uncomment `assessment:` and each line you answer.\n";

/* "  # doc: a, b, c" after the line begun at `start`, padded to 30
 * characters; the words of the row's vocabulary list when they are few. */
static void S_comment(sg_buf *b, size_t start, const sg_vocab *v,
                      const sg_case_key *parent, const sg_case_key *row)
{
    const char *doc = sg_case_key_doc(v, parent, row, NULL);
    size_t col = 0;
    for (size_t i = start; i < b->len; i++)
        col += ((unsigned char)b->ptr[i] & 0xC0) != 0x80;
    for (; col < 30; col++)
        sg_buf_putc(b, ' ');
    sg_buf_printf(b, " # %s", doc);
    const sg_words *w = &v->lists[row->words];
    if (row->words != SG_L_NONE && w->n <= 12 && row->type != SG_KT_TRAITS) {
        for (size_t i = 0; i < w->n; i++)
            sg_buf_printf(b, "%s%s", i ? ", " : ": ", w->keys[i]);
    }
    sg_buf_putc(b, '\n');
}

/* `# <example>  # doc` for a row (commented when `comment`), and the
 * lines of its keys below it for a row with a sub-table or traits. */
static void S_key_lines(sg_buf *b, const sg_vocab *v,
                        const sg_case_key *parent, const sg_case_key *row,
                        bool comment)
{
    size_t start = b->len;
    const char *ex;
    sg_case_key_doc(v, parent, row, &ex);
    if (comment)
        sg_buf_puts(b, "# ");
    if (row->flags & SG_KEY_REQUIRED && !parent)
        sg_buf_printf(b, "%s:", row->name);       /* to fill in */
    else if (row->sub || row->type == SG_KT_TRAITS)
        sg_buf_printf(b, "%s:", row->name);
    else
        sg_buf_puts(b, ex);
    S_comment(b, start, v, parent, row);
    if (row->type == SG_KT_TRAITS) {
        for (size_t t = 0; t < v->ntraits; t++) {
            const sg_trait *tr = &v->traits[t];
            size_t at = b->len;
            sg_buf_printf(b, "%s  %s: %s", comment ? "# " : "", tr->key,
                          tr->value[1]);
            for (size_t col = b->len - at; col < 30; col++)
                sg_buf_putc(b, ' ');     /* trait values are ASCII */
            sg_buf_printf(b, " # %s | %s\n", tr->value[0], tr->value[1]);
        }
    }
    for (const sg_case_key *sub = row->sub; sub && sub->name; sub++) {
        const char *sex;
        sg_case_key_doc(v, row, sub, &sex);
        size_t at = b->len;
        const char *lead = row->type != SG_KT_ITEMS ? "  "
                         : sub == row->sub ? "  - " : "    ";
        sg_buf_printf(b, "%s%s%s", comment ? "# " : "", lead, sex);
        S_comment(b, at, v, row, sub);
    }
}

/* `assessment:` with every question of the vocabulary as a commented
 * prompt, by vertex: the question and its hints above its id. */
static void S_assessment(sg_buf *b, const sg_vocab *v)
{
    sg_buf_puts(b, "# Self-assessment: uncomment `assessment:` and the id of "
                "each question you\n# answer, and write a short answer "
                "after it.\n# assessment:\n");
    for (size_t g = 0; g < v->nquestion_groups; g++) {
        const sg_question_group *qg = &v->question_groups[g];
        sg_buf_printf(b, "#   # %s. %s: %s\n", qg->key, qg->name,
                      qg->question);
        for (size_t q = 0; q < v->nquestions; q++) {
            const sg_question *qq = &v->questions[q];
            if (qq->group != (int)g)
                continue;
            sg_buf_printf(b, "#   # %s\n", qq->text);
            for (size_t h = 0; h < qq->nhints; h++)
                sg_buf_printf(b, "%s%s", h ? "; " : "#   #   e.g. ",
                              qq->hints[h]);
            if (qq->nhints)
                sg_buf_putc(b, '\n');
            sg_buf_printf(b, "#   %s:\n", qq->id);
        }
        if (qg->sum_up)
            sg_buf_printf(b, "#   # Sum up: %s\n", qg->sum_up);
    }
}

/* The template: every key of the table in its order, the required ones
 * to fill in, the others as commented examples. */
static void S_template(sg_buf *b, const sg_vocab *v, const char *title,
                       bool assessment)
{
    sg_buf_puts(b, "---\n");
    for (const sg_case_key *row = sg_case_keys; row->name; row++) {
        if (title && row->off == offsetof(sg_case, title) && row->check) {
            /* a quoted YAML scalar: escape what would end it */
            sg_buf_puts(b, "title: \"");
            for (const char *p = title; *p; p++) {
                if (*p == '"' || *p == '\\')
                    sg_buf_putc(b, '\\');
                sg_buf_putc(b, *p);
            }
            sg_buf_puts(b, "\"\n");
            continue;
        }
        if (assessment && row->type == SG_KT_ANSWERS) {
            S_assessment(b, v);
            continue;
        }
        /* a new case is a draft until its author says it is done, so a
         * half-written case never reaches the site */
        if (row->off == offsetof(sg_case, draft) && row->check) {
            size_t start = b->len;
            sg_buf_printf(b, "%s: true", row->name);
            S_comment(b, start, v, NULL, row);
            continue;
        }
        S_key_lines(b, v, NULL, row, !(row->flags & SG_KEY_REQUIRED));
    }
    sg_buf_puts(b, "---\n"
                "What the cluster is, how it is organised, what it does to "
                "bridge which\ngaps, and what is notable about it, in a few "
                "hundred words of Markdown.\n");
}

int sg_cmd_new(int argc, char **argv)
{
    static const struct option opts[] = {
        { "title", required_argument, NULL, 't' },
        { "cases", required_argument, NULL, 'c' },
        { "vocabulary", required_argument, NULL, 'V' },
        { "assessment", no_argument, NULL, 'a' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *title = NULL, *dir = "cases", *vocab_file = NULL;
    bool assessment = false;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "ht:", opts, NULL)) != -1) {
        switch (ch) {
        case 't': title = optarg; break;
        case 'c': dir = optarg; break;
        case 'V': vocab_file = optarg; break;
        case 'a': assessment = true; break;
        case 'h': fputs(help, stdout); return 0;
        default: fputs(help, stderr); return 2;
        }
    }
    if (optind != argc - 1) {
        fputs(help, stderr);
        return 2;
    }
    const char *slug = argv[optind];
    if (!sg_slug_ok(slug)) {
        fprintf(stderr, "gen new: '%s' is not a valid slug: use lower-case "
                "letters, digits and hyphens, e.g. medicon-valley\n", slug);
        return 2;
    }
    if (title && strpbrk(title, "\n\r")) {
        fprintf(stderr, "gen new: the title must be one line\n");
        return 2;
    }
    /* the template comes from the key table and the vocabulary */
    sg_arena a = SG_ARENA_INIT;
    sg_diags d;
    sg_diags_init(&d, &a);
    sg_vocab v;
    if (sg_vocab_load(&v, &a, vocab_file, &d) != 0) {
        sg_print_diags(&d, false);
        sg_arena_free(&a);
        return 1;
    }
    sg_buf text = SG_BUF_INIT;
    S_template(&text, &v, title, assessment);
    sg_arena_free(&a);
    if (sg_mkdirs(dir) != 0) {
        fprintf(stderr, "gen new: cannot create %s: %s\n", dir, strerror(errno));
        sg_buf_free(&text);
        return 1;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.md", dir, slug);
    /* O_EXCL: never overwrite what an author wrote */
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) {
        fprintf(stderr, "gen new: %s: %s\n", path,
                errno == EEXIST ? "already exists; not overwritten"
                                : strerror(errno));
        sg_buf_free(&text);
        return 1;
    }
    FILE *f = fdopen(fd, "w");
    fwrite(text.ptr, 1, text.len, f);
    sg_buf_free(&text);
    if (fclose(f) != 0) {
        fprintf(stderr, "gen new: cannot write %s\n", path);
        return 1;
    }
    printf("wrote %s: fill in", path);
    const char *sep = " ";
    for (const sg_case_key *row = sg_case_keys; row->name; row++)
        if (row->flags & SG_KEY_REQUIRED) {
            printf("%s%s", sep, row->name);
            sep = ", ";
        }
    printf(", then run gen check\n");
    return 0;
}
