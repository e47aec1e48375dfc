/* mlp_file.h — a model file: an MLP's layers and the features it reads, as JSON.
 *
 *   {"format": "simon-mlp", "version": 1,
 *    "features": ["pod_cpu", ...],                 the input, in order
 *    "layers": [{"activation": "relu",             identity, relu, tanh or sigmoid
 *                "weight": [[...], ...],           out rows of in numbers (nn.Linear's layout)
 *                "bias": [...]}, ...],             out numbers
 *    "tie_margin": 0.5,                            optional (0): outputs this near the
 *                                                  highest count as equal to it
 *    "made_by": "simon train ..."}                 optional: the command that made it
 *
 * Reading checks everything a forward pass relies on: the features are exactly the reader's,
 * in order; each layer's inputs are the previous layer's outputs; the last has one output;
 * every number is finite.  Errors name the file, line and column.  O(file size).
 */
#ifndef SIMON_MLP_FILE_H
#define SIMON_MLP_FILE_H

#include <stdio.h>

#include "sim/util/mlp.h"

#define MLP_FILE_VERSION 1

/* Reads the model in text (from path, for messages) into m, which the caller releases. */
int mlp_text_read(const char *text, const char *path, const char *const *features, size_t n_features, struct mlp *m,
		  struct error *err);
int mlp_file_read(const char *path, const char *const *features, size_t n_features, struct mlp *m,
		  struct error *err);
/* Writes m as a model file; made_by may be NULL.  Every float prints exactly (9 digits). */
void mlp_file_write(FILE *f, const struct mlp *m, const char *const *features, size_t n_features,
		    const char *made_by);

#endif
