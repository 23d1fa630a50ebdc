/* schema.h - the case format as a JSON Schema, built from the vocabulary
 * so that it always matches what `gen check` accepts. */
#ifndef SG_SCHEMA_H
#define SG_SCHEMA_H

#include "vocab.h"

/* The schema (draft-07, which YAML editors support) as a value tree. */
sg_value *sg_schema(sg_arena *a, const sg_vocab *v);

#endif
