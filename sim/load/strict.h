/* strict.h — what a loader does with a key it does not know.
 *
 * simon's own documents (the cluster Config, the parts of a KubeSchedulerConfiguration simon
 * reads, a Matrix) and the parts of Nodes and Pods simon reads (`resources`, the
 * alibabacloud.com/ keys) are decoded strictly, as kubectl's strict field validation does: an
 * unknown key is an error naming file, line, column, the key, where it stands, and the nearest
 * known key.  Keys of the reference that simon accepts but does not act on get a one-line note.
 * Lenient mode (`--strict=false`) turns the errors into warnings, for users who must load odd
 * files.  The subcommand sets the mode once, before anything loads; loaders only read it.
 * O(keys × known keys) per mapping.
 */
#ifndef SIMON_STRICT_H
#define SIMON_STRICT_H

#include <stdbool.h>
#include <yaml.h>

#include "sim/util/error.h"

void load_set_lenient(bool lenient);

/* A NULL-terminated list of names, written in place: KEYS("ratio", "seed"). */
#define KEYS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* An unknown `what` ("field", "column") named key at path:line:col (0s omit them), standing in
 * `where` (NULL: nowhere to say): an error naming the nearest of known[0..n); in lenient mode a
 * warning on stderr instead, and 0. */
int load_unknown(const char *path, size_t line, size_t col, const char *what, const char *key, const char *where,
		 const char *const *known, size_t n, struct error *err);

struct key_set {
	const char *where;           /* the mapping, as messages name it: "workloadTuningConfig" */
	const char *const *known;    /* NULL-terminated */
	const char *const *noted;    /* accepted but not acted on (a note), NULL-terminated; or NULL */
	const char *prefix;          /* when set, only keys starting with it are checked */
};

/* Checks every key of map (nothing when map is not a mapping).  0, or -1 with err set for an
 * unknown key in strict mode; lenient mode prints a warning instead. */
int check_keys(yaml_document_t *doc, yaml_node_t *map, const char *path, const struct key_set *ks,
	       struct error *err);

#endif
