/* topology_score.c — TopologyScore: pack work into racks already in use before opening empty ones.
 *
 * For a node in rack r (labels "rack", "server"; a node without a rack scores 0):
 *   100                 r already runs a pod of the same job (label job-name): keep jobs together
 *   25 + int(50·fill)   r runs any pod; fill = GPU milli in use / the rack's GPU milli
 *                       (CPU when the rack has no GPUs): fuller racks first
 *   0                   r is idle
 * The bands leave 25 points between a job's rack and any other, and between a used rack
 * and an idle one, so the preference survives a combination with another plugin's score.
 * Meant to be combined by weight with FGDScore or BestFitScore, which choose within racks.
 * Cost: O(1) per node; the racks' totals are taken once, at .init, and kept through the bind
 * hooks, as are a job's racks (up to JOB_RACKS a job).
 */
#include <stdlib.h>

#include "sim/plugin/score.h"

#define JOB_RACKS 8

struct job_racks {
	int32_t rack[JOB_RACKS];
	int32_t pods[JOB_RACKS];
	int n;
};

struct topology {
	struct rack_stats *racks;
	size_t n_racks;
	struct job_racks *jobs;
	size_t n_jobs;
};

static int topology_init(void **self, const struct plugin_env *env, struct error *err)
{
	const struct workload *w = env->cluster->w;
	struct topology *t = calloc(1, sizeof *t);
	if (t) {
		t->n_racks = w->n_racks;
		t->n_jobs = w->n_jobs;
		t->racks = calloc(t->n_racks ? t->n_racks : 1, sizeof *t->racks);
		t->jobs = calloc(t->n_jobs ? t->n_jobs : 1, sizeof *t->jobs);
	}
	if (!t || !t->racks || !t->jobs) {
		if (t) {
			free(t->racks);
			free(t->jobs);
		}
		free(t);
		return error_set(err, "out of memory for TopologyScore");
	}
	cluster_rack_totals(env->cluster, t->racks);
	*self = t;
	return 0;
}

static void topology_free(void *self)
{
	struct topology *t = self;
	free(t->racks);
	free(t->jobs);
	free(t);
}

static int job_in_rack(const struct topology *t, int32_t job, int rack)
{
	if (job < 0)
		return 0;
	const struct job_racks *j = &t->jobs[job];
	for (int k = 0; k < j->n; k++)
		if (j->rack[k] == rack)
			return 1;
	return 0;
}

static int64_t topology_score(void *self, const struct cluster *c, const struct pod_spec *p, size_t node,
			      uint32_t *gpus)
{
	(void)gpus;
	const struct topology *t = self;
	int r = c->spec[node].rack;
	if (r < 0)
		return 0;
	if (job_in_rack(t, p->job, r))
		return SCORE_MAX;
	const struct rack_stats *u = &t->racks[r];
	if (u->pods == 0)
		return 0;
	double fill = u->gpus ? rack_gpu_fill(u) : rack_cpu_fill(u);
	return SCORE_MAX / 4 + (int64_t)(50 * fill);
}

static void track(struct topology *t, const struct cluster *c, const struct pod_spec *p, size_t node, int delta)
{
	int r = c->spec[node].rack;
	if (r < 0)
		return;
	struct rack_stats *u = &t->racks[r];
	u->pods += delta;
	u->gpu_used_milli += delta * pod_gpu_total(p);
	u->cpu_used_milli += delta * p->cpu_milli;
	if (p->job < 0)
		return;
	struct job_racks *j = &t->jobs[p->job];
	for (int k = 0; k < j->n; k++)
		if (j->rack[k] == r) {
			j->pods[k] += delta;
			if (j->pods[k] <= 0) {
				j->n--;
				j->rack[k] = j->rack[j->n];
				j->pods[k] = j->pods[j->n];
			}
			return;
		}
	if (delta > 0 && j->n < JOB_RACKS) {
		j->rack[j->n] = r;
		j->pods[j->n++] = delta;
	}
}

static void topology_bound(void *self, const struct cluster *c, const struct pod_spec *p, size_t node)
{
	track(self, c, p, node, 1);
}

static void topology_unbound(void *self, const struct cluster *c, const struct pod_spec *p, size_t node)
{
	track(self, c, p, node, -1);
}

const struct policy_ops topology_score_policy = {
	.name = "TopologyScore",
	.summary = "keep a job's pods in one rack, fill racks in use before opening idle ones",
	.sees = SEES_RACK,
	.init = topology_init,
	.score = topology_score,
	.bound = topology_bound,
	.unbound = topology_unbound,
	.free = topology_free,
};
