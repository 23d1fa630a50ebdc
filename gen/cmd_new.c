/* cmd_new.c - `gen new SLUG`: a case file with every key as an example. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "case_check.h"
#include "commands.h"
#include "fs.h"

static const char *const help =
    "usage: gen new SLUG [--title TITLE] [--cases DIR]\n"
    "\n"
    "Writes DIR/SLUG.md (default DIR: cases) with every key of the case\n"
    "format present, the optional ones as commented examples. It never\n"
    "overwrites a file. Fill in title, country and sector, uncomment what\n"
    "your sources say, then run `gen check`.\n";

/* Every key of the format, with an example from the collection. */
static const char body[] =
    "country:          # ISO 3166-1 alpha-2 code, e.g. DK\n"
    "sector:           # main field, e.g. Life science\n"
    "# summary: One or two sentences for lists and search results.\n"
    "# slug: my-cluster            # default: the file name\n"
    "# countries: [DK, SE]         # all countries of a cross-border cluster\n"
    "# region: Øresund region\n"
    "# city: Copenhagen\n"
    "# tags: [biotechnology, medtech]\n"
    "# founded: 2007               # year the cluster organisation was set up\n"
    "# organisation: Brains Business\n"
    "# legal_form: association\n"
    "# reach: regional             # local, metropolitan, regional, national, cross-border, international\n"
    "# actors: 260\n"
    "# actor_types: [firms, research, government]   # also education, capital, healthcare, clusters, global\n"
    "# staff: 5                    # facilitators, full-time equivalents\n"
    "# stage: latent               # in any framework's terms: potential, take-off, golden age, ...\n"
    "# model: partnership          # membership, partnership or hybrid\n"
    "# traits:\n"
    "#   projects: external        # internal | external\n"
    "#   focus: projects           # organisation | projects\n"
    "#   participants: open        # closed | open\n"
    "#   leadership: facilitator   # manager | facilitator\n"
    "#   strategy: agenda          # plan | agenda\n"
    "#   accountability: low       # high | low\n"
    "# governance: members         # members or owners\n"
    "# owners: [Regional development agency]\n"
    "# funding:\n"
    "#   - source: Public grant\n"
    "#     type: public            # public, eu, private, membership, project, university, sponsorship\n"
    "#     amount: 6700000\n"
    "#     currency: EUR\n"
    "#     years: 3\n"
    "# activities:\n"
    "#   - networking events\n"
    "#   - name: small-scale cooperation projects\n"
    "#     as: project             # project or service\n"
    "#     connects: [firms, research]\n"
    "#     gaps: [research, firm-to-firm]   # overrides connects and the type's defaults\n"
    "#     note: three projects a year\n"
    "# obstacles: [bridge-keeper]  # resourceless-supporter, braker, reluctant-boss\n"
    "# history:\n"
    "#   - {year: 2005, stage: potential, note: Secretariat founded}\n"
    "# sources:\n"
    "#   - title: Title of the report\n"
    "#     author: Author Name\n"
    "#     year: 2011\n"
    "#     url: https://example.org/report.pdf\n"
    "# date: 2026-01-31            # last revised, YYYY-MM-DD\n"
    "# authors: [Your Name]\n"
    "# draft: true                 # checked, but not published without --drafts\n"
    "---\n"
    "What the cluster is, how it is organised, what it does to bridge which\n"
    "gaps, and what is notable about it, in a few hundred words of Markdown.\n";

int sg_cmd_new(int argc, char **argv)
{
    static const struct option opts[] = {
        { "title", required_argument, NULL, 't' },
        { "cases", required_argument, NULL, 'c' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *title = NULL, *dir = "cases";
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "ht:", opts, NULL)) != -1) {
        switch (ch) {
        case 't': title = optarg; break;
        case 'c': dir = optarg; break;
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
    if (sg_mkdirs(dir) != 0) {
        fprintf(stderr, "gen new: cannot create %s: %s\n", dir, strerror(errno));
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
        return 1;
    }
    FILE *f = fdopen(fd, "w");
    fputs("---\n", f);
    if (title) {
        /* a quoted YAML scalar: escape what would end it */
        fputs("title: \"", f);
        for (const char *p = title; *p; p++) {
            if (*p == '"' || *p == '\\')
                fputc('\\', f);
            fputc(*p, f);
        }
        fputs("\"\n", f);
    } else {
        fputs("title:            # name of the cluster or cluster initiative\n",
              f);
    }
    fputs(body, f);
    if (fclose(f) != 0) {
        fprintf(stderr, "gen new: cannot write %s\n", path);
        return 1;
    }
    printf("wrote %s: fill in title, country and sector, then run gen check\n",
           path);
    return 0;
}
