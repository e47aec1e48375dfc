#include "sim/deschedule.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/plugin/descheduler.h"
#include "sim/run.h"
#include "sim/util/order.h"

/* Each node's placed pods in the reference's order: node k's are pods[at[k] .. at[k + 1]). */
struct node_pods {
	uint32_t *at, *pods;
	size_t placed;
};

static void node_pods_release(struct node_pods *np)
{
	free(np->at);
	free(np->pods);
}

static int index_pods(struct node_pods *np, const struct run *run)
{
	size_t n = run->c->n, pods = run->a->n;
	np->at = calloc(n + 1, sizeof *np->at);
	np->pods = malloc((pods ? pods : 1) * sizeof *np->pods);
	uint32_t *fill = calloc(n + 1, sizeof *fill);
	int rc = np->at && np->pods && fill ? 0 : -1;
	for (size_t i = 0; !rc && i < pods; i++)
		if (run->r->outcomes[i].node >= 0) {
			np->at[run->r->outcomes[i].node + 1]++;
			np->placed++;
		}
	for (size_t k = 0; !rc && k < n; k++)
		np->at[k + 1] += np->at[k];
	for (size_t i = 0; !rc && i < pods; i++) {
		int32_t node = run->r->outcomes[i].node;
		if (node >= 0)
			np->pods[np->at[node] + fill[node]++] = (uint32_t)i;
	}
	free(fill);
	for (size_t node = 0; !rc && node < n; node++)
		rc = sort_as_listed(run->c->w, run->a->pods, np->pods + np->at[node], np->at[node + 1] - np->at[node]);
	return rc;
}

/* The victims, in the order they were evicted, as new pods: without their devices, which the
 * reference strips (MakePodUnassigned), so that their GPUs are chosen again. */
static int reschedule(struct run *run, struct arrivals *a, const uint32_t *victims, size_t n,
		      struct deschedule_result *out)
{
	for (size_t k = 0; k < n; k++) {
		uint32_t i = victims[k];
		a->pods[i].gpu_index = 0;
		enum schedule_result result;
		if (try_place(run, i, &result))
			return -1;
		out->failed += result != SCHEDULED;
	}
	return 0;
}

/* The plugin's victims evicted, then placed again; *moved counts those on another node. */
static int evict_and_place(struct run *run, struct arrivals *a, const struct node_pods *np, const struct plugin *policy,
			   struct deschedule_result *out)
{
	struct deschedule_view v = {run->c, run->m->typical, a->pods, a->n, run->r->outcomes, np->at, np->pods,
				    run->m->node_frag};
	int32_t *before = malloc((a->n ? a->n : 1) * sizeof *before);
	if (!before)
		return -1;
	for (size_t i = 0; i < a->n; i++)
		before[i] = run->r->outcomes[i].node;
	struct plugin_env env = {.cluster = run->c, .typical = run->m->typical, .arrivals = a, .seed = run->seed};
	void *self = NULL;
	int rc = policy->init ? policy->init(&self, &env, run->err) : 0;
	if (!rc)
		rc = policy->deschedule->choose(self, &v, out->limit, out->victims, &out->evicted, run->err);
	if (policy->free)
		policy->free(self);
	for (size_t k = 0; !rc && k < out->evicted; k++)
		rc = unbind_pod(run, out->victims[k]);
	if (!rc)
		rc = reschedule(run, a, out->victims, out->evicted, out);
	for (size_t k = 0; !rc && k < out->evicted; k++) {
		int32_t now = run->r->outcomes[out->victims[k]].node;
		out->moved += now >= 0 && now != before[out->victims[k]];
	}
	free(before);
	return rc;
}

int engine_deschedule(struct cluster *c, struct scheduler *s, struct metrics *m, struct arrivals *a,
		      const struct plugin *policy, double ratio, uint64_t seed, struct run_result *r,
		      struct deschedule_result *out, struct error *err)
{
	memset(out, 0, sizeof *out);
	out->policy = plugin_name(policy);
	out->before = metrics_sample(m, c);
	struct error run_err = {{0}};
	struct run run = {c, s, m, a, r, {0, 0}, &run_err, seed};
	pcg32_seed(&run.rng, seed, RNG_DESCHEDULE);
	struct node_pods np = {0};
	out->victims = malloc((a->n ? a->n : 1) * sizeof *out->victims);
	int rc = out->victims ? index_pods(&np, &run) : -1;
	if (!rc) {
		out->limit = (size_t)ceil(ratio * (double)np.placed);
		rc = evict_and_place(&run, a, &np, policy, out);
	}
	node_pods_release(&np);
	out->after = metrics_sample(m, c);
	if (rc)
		return run_err.msg[0] ? (*err = run_err, -1) : error_set(err, "out of memory descheduling");
	return 0;
}

void deschedule_result_release(struct deschedule_result *d)
{
	free(d->victims);
	d->victims = NULL;
}
