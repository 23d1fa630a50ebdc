/* fs.h - the file system, carefully: bounded reads, sorted walks that
 * stay inside their root, and writes that never leave a half file. */
#ifndef SG_FS_H
#define SG_FS_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"

#define SG_MAX_FILE_SIZE (4u * 1024 * 1024)   /* a case, template or data file */

/* Reads a whole file into `out` (appending). Refuses files larger than
 * `limit` bytes. Returns 0, or -1 with a diagnostic. */
int sg_read_file(const char *path, size_t limit, sg_buf *out, sg_diags *d);

/* Lists the files ending in `ext` under `path` (a file is taken as it is),
 * recursively, sorted by path, appending arena strings to *list. Symbolic
 * links are followed only when they resolve inside `path`; hidden files
 * and folders are skipped. Returns 0, or -1 with a diagnostic. */
int sg_find_files(sg_arena *a, const char *path, const char *ext,
                  const char ***list, size_t *n, sg_diags *d);

bool sg_is_dir(const char *path);
bool sg_exists(const char *path);
/* mkdir -p; returns 0 or -1 (errno set). */
int sg_mkdirs(const char *path);
/* Writes `data` to `path` through a temporary file and rename, so readers
 * never see a partial file. Skips the write (and keeps the file's time)
 * when the file already holds exactly these bytes; *written tells which.
 * Returns 0 or -1 with a diagnostic. */
int sg_write_file(const char *path, const char *data, size_t len,
                  bool *written, sg_diags *d);
/* A file written in pieces and put in place whole: a temporary file
 * beside `path`, renamed over it at the end, so readers never see a part
 * of it and a file of tens of MB is never held whole (the manifest, the
 * case store). Quiet: a failure leaves the old file, and -1. */
typedef struct sg_file_out {
    const char *path;
    int fd;                 /* -1 once failed */
    char tmp[4096];
} sg_file_out;
int sg_file_out_open(sg_file_out *f, const char *path);
/* Writes what `b` holds and empties it, once it holds `at_least` bytes
 * or more (0: always). */
void sg_file_out_drain(sg_file_out *f, sg_buf *b, size_t at_least);
/* With `keep`, puts the file in place; else (or after a failure) removes
 * it. 0, or -1. */
int sg_file_out_close(sg_file_out *f, bool keep);
/* Whether `path` is a regular file holding exactly these bytes; read in
 * pieces, so a large file costs no copy. */
bool sg_file_holds(const char *path, const char *data, size_t len);
/* write(2) until all of `data` is written; 0, or -1 with errno. */
int sg_write_all(int fd, const char *data, size_t len);
/* Removes a tree (used only on folders the generator made itself). */
int sg_remove_tree(const char *path);
/* The folder part of a path ("." when there is none), in the arena. */
char *sg_dirname(sg_arena *a, const char *path);
/* The last part of a path without `ext` (when it ends so). */
char *sg_basename(sg_arena *a, const char *path, const char *ext);
/* a + "/" + b in the arena */
char *sg_path_join(sg_arena *a, const char *dir, const char *name);

#endif
