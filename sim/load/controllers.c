/* controllers.c — the pods workload controllers want, named as they name them, less those an
 * export already holds.
 *
 * An export of a live cluster holds a Deployment and the Pods it made; simon makes from the
 * template only what the controller would still make: its wanted count less its owned pods
 * still running, and no pod of a name already there (a StatefulSet's ordinals).
 * O(pods log pods).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/load/workload.h"
#include "sim/util/fnv.h"
#include "sim/util/order.h"

/* Kubernetes' alphabet for generated names: no vowels, no 0, 1, 3 (k8s.io/apimachinery rand). */
static const char safe[] = "bcdfghjklmnpqrstvwxz2456789";
#define N_SAFE (sizeof safe - 1)

void safe_encode(uint32_t v, char *out, size_t size)
{
	char digits[16];
	int n = snprintf(digits, sizeof digits, "%u", v);
	size_t k = 0;
	for (int i = 0; i < n && k + 1 < size; i++)
		out[k++] = safe[(unsigned char)digits[i] % N_SAFE];
	out[k] = '\0';
}

const char *controller_pod_name(struct arena *a, const char *kind, const char *name, const char *hash, uint32_t n)
{
	char out[600];
	if (strcmp(kind, "StatefulSet") == 0) {
		snprintf(out, sizeof out, "%.500s-%u", name, n);
		return arena_strdup(a, out);
	}
	char number[16];
	int len = snprintf(number, sizeof number, "%u", n);
	uint32_t h = fnv32a(fnv32a(FNV32_START, name, strlen(name) + 1), number, (size_t)len);
	char suffix[6];
	for (int i = 0; i < 5; i++, h /= N_SAFE)
		suffix[i] = safe[h % N_SAFE];
	suffix[5] = '\0';
	if (hash)
		snprintf(out, sizeof out, "%.500s-%.16s-%s", name, hash, suffix);
	else
		snprintf(out, sizeof out, "%.500s-%s", name, suffix);
	return arena_strdup(a, out);
}

struct named_pod {
	int32_t ns;
	const char *name;
};

static int by_pod_name(const void *x, const void *y)
{
	const struct named_pod *a = x, *b = y;
	if (a->ns != b->ns)
		return a->ns < b->ns ? -1 : 1;
	return strcmp(a->name, b->name);
}

static int by_key(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The running pods written as Pods that name key as their owner, counted in sorted owners[n]. */
static int32_t owned(const char *const *owners, size_t n, const char *key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {   /* the first owner not below key */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(owners[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	int32_t count = 0;
	while (lo < n && strcmp(owners[lo++], key) == 0)
		count++;
	return count;
}

int workload_settle_controllers(struct workload *w, struct error *err)
{
	if (!w->n_controllers)
		return 0;
	size_t n = w->n_pods;
	struct named_pod *written = malloc((n ? n : 1) * sizeof *written);
	const char **owners = malloc((n ? n : 1) * sizeof *owners);
	int32_t *room = malloc(w->n_controllers * sizeof *room);
	if (!written || !owners || !room) {
		free(written);
		free(owners);
		free(room);
		return error_set(err, "out of memory settling %zu controllers", w->n_controllers);
	}
	size_t n_written = 0, n_owners = 0;
	for (size_t i = 0; i < n; i++) {
		const struct pod_spec *p = &w->pods[i];
		if (p->controller >= 0)
			continue;
		written[n_written++] = (struct named_pod){p->namespace_id, p->name};
		if (p->owner && !p->finished)
			owners[n_owners++] = p->owner;
	}
	sort_items(written, n_written, sizeof *written, by_pod_name);
	sort_items(owners, n_owners, sizeof *owners, by_key);
	for (size_t k = 0; k < w->n_controllers; k++) {
		int32_t left = w->controllers[k].wanted - owned(owners, n_owners, w->controllers[k].key);
		room[k] = left > 0 ? left : 0;
	}
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		struct pod_spec *p = &w->pods[i];
		if (p->controller >= 0) {
			struct named_pod key = {p->namespace_id, p->name};
			if (bsearch(&key, written, n_written, sizeof *written, by_pod_name) || room[p->controller] == 0)
				continue;
			room[p->controller]--;
		}
		w->pods[kept++] = *p;
	}
	w->n_pods = kept;
	free(written);
	free(owners);
	free(room);
	return 0;
}
