#include "sim/report/reasons.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pod_reason(const struct report *r, size_t i, char *out, size_t size)
{
	const struct pod_outcome *o = &r->result->outcomes[i];
	out[0] = '\0';
	if (o->node >= 0)
		return;
	if (cluster_never_fits(r->cluster, &r->arrivals->pods[i], out, size))
		return;
	if (r->result->mode == MODE_INFLATION)
		snprintf(out, size, "no node had room when it arrived");
	else
		snprintf(out, size, o->preemptions ? "preempted, and waiting for room when the trace ended"
						  : "waiting for room when the trace ended");
}

static int by_count(const void *x, const void *y)
{
	const struct reason_count *a = x, *b = y;
	if (a->pods != b->pods)
		return a->pods > b->pods ? -1 : 1;
	return strcmp(a->text, b->text);
}

size_t top_reasons(const struct report *r, struct reason_count *top, size_t n)
{
	struct reason_count *all = NULL;
	size_t n_all = 0, cap = 0;
	char text[256];
	for (size_t i = 0; i < r->result->n_outcomes; i++) {
		pod_reason(r, i, text, sizeof text);
		if (!text[0])
			continue;
		size_t k = 0;
		while (k < n_all && strcmp(all[k].text, text))
			k++;
		if (k == n_all) {
			if (n_all == cap) {
				struct reason_count *grown = realloc(all, (cap = cap ? 2 * cap : 8) * sizeof *all);
				if (!grown)
					break;
				all = grown;
			}
			snprintf(all[n_all].text, sizeof all[n_all].text, "%s", text);
			all[n_all++].pods = 0;
		}
		all[k].pods++;
	}
	if (n_all)
		qsort(all, n_all, sizeof *all, by_count);
	n = n < n_all ? n : n_all;
	if (n)
		memcpy(top, all, n * sizeof *top);
	free(all);
	return n;
}
