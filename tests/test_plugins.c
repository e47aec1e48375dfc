/* The extension points (sim/plugin/plugin.h): a toy plugin at each, made through its public
 * table and put in a profile, is called, and decides what it says, on timelines worked out by
 * hand.  And the registry's messages: an unknown name at a point, a plugin at the wrong point. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "sim/deschedule.h"
#include "sim/plugin/descheduler.h"
#include "sim/plugin/filter.h"
#include "sim/plugin/permit.h"
#include "sim/plugin/post_filter.h"
#include "sim/plugin/queue_sort.h"
#include "sim/plugin/batch.h"
#include "sim/simulation.h"
#include "tests/support.h"

SCRATCH_SUITE(plugins, scratch_make);

static struct hand_trace trace;
static int calls;

/* Loads dir's trace and BestFit config; the caller puts its toy in s->profile, then runs. */
static void load(struct simulation *s, enum run_mode mode)
{
	hand_write(&trace, dir, "");
	write_sched_with(dir, "", "");
	char cc[1024], sc[1024];
	snprintf(cc, sizeof cc, "%s/cluster.yaml", dir);
	snprintf(sc, sizeof sc, "%s/sched.yaml", dir);
	struct sim_options o = {.cluster_config = cc, .scheduler_config = sc, .mode = mode, .has_seed = true, .seed = 1};
	struct error err = {{0}};
	cr_assert_eq(simulation_load(s, &o, &err), 0, "%s", err.msg);
	calls = 0;
}

static void execute(struct simulation *s, enum run_mode mode)
{
	struct sim_options o = {.mode = mode, .has_seed = true, .seed = 1};
	struct error err = {{0}};
	cr_assert_eq(simulation_execute(s, &o, &err), 0, "%s", err.msg);
}

/* Queue sort: the later arrival first.  One GPU; A runs 0–100; B (10) and C (20) wait for it,
 * 10 s each.  FIFO would start B at 100 and C at 110; this order starts C at 100, B at 110. */
static bool later_first(const void *self, const struct pod_spec *pods, uint32_t x, uint32_t y)
{
	(void)self;
	(void)pods;
	calls++;
	return x > y;
}

static const struct plugin later_first_sort = {
	.name = "LaterFirst",
	.queue_sort = &(const struct queue_sort_ops){.before = later_first},
};

Test(plugins, a_queue_sort_orders_the_waiting_pods)
{
	hand_node(&trace, "n1", 1, "");
	hand_pod(&trace, "A", "1", 1, 0, 100, "", "");
	hand_pod(&trace, "B", "1", 1, 10, 10, "", "");
	hand_pod(&trace, "C", "1", 1, 20, 10, "", "");
	struct simulation s;
	load(&s, MODE_REPLAY);
	s.profile.queue_sort.plugin = &later_first_sort;
	execute(&s, MODE_REPLAY);
	cr_assert_gt(calls, 0);
	cr_assert_eq(outcome_of(&s, "C")->start, 100);
	cr_assert_eq(outcome_of(&s, "B")->start, 110);
	simulation_release(&s);
}

/* Filter: node n1 (the first) takes nothing.  It reads which node it is, so the profile
 * scans node by node; the two pods go to n2 although BestFit would fill n1 first. */
static bool not_the_first(const void *self, const struct cluster *c, size_t node, const struct pod_spec *p)
{
	(void)self;
	(void)c;
	(void)p;
	calls++;
	return node != 0;
}

static const struct plugin not_the_first_filter = {
	.name = "NotTheFirst",
	.filter = &(const struct filter_ops){.sees = SEES_NODE, .admits = not_the_first},
};

Test(plugins, a_filter_keeps_pods_off_the_nodes_it_rejects)
{
	hand_node(&trace, "n1", 2, "");
	hand_node(&trace, "n2", 2, "");
	hand_pod(&trace, "A", "1", 1, -1, 0, "", "");
	hand_pod(&trace, "B", "1", 1, -1, 0, "", "");
	struct simulation s;
	load(&s, MODE_INFLATION);
	s.profile.filters[s.profile.n_filters++] = (struct plugin_use){&not_the_first_filter, NULL};
	s.profile.scan_nodes = true;
	execute(&s, MODE_INFLATION);
	cr_assert_gt(calls, 0);
	cr_assert_str_eq(placed_on(&s, "A"), "n2");
	cr_assert_str_eq(placed_on(&s, "B"), "n2");
	simulation_release(&s);
}

/* Post-filter: a pod of priority 1 that fits nowhere evicts every pod on node 0 and takes it.
 * One GPU; A runs 0–100; B (priority 1) arrives at 10 and runs 10 s: B starts at 10, A,
 * evicted, again at 20 (it may not evict B back: its priority is 0). */
static uint32_t toy_victims[8];

static bool evict_node_zero(void *self, const struct post_filter_view *v, const struct pod_spec *p,
			    struct pcg32 *rng, struct nomination *out)
{
	(void)self;
	(void)rng;
	if (p->priority < 1)
		return false;
	calls++;
	size_t n = 0;
	for (uint32_t i = v->running->head[0]; i != NO_POD && n < 8; i = v->running->next[i])
		toy_victims[n++] = i;
	*out = (struct nomination){0, toy_victims, n, false};
	return true;
}

static const struct plugin evict_node_zero_post = {
	.name = "EvictNodeZero",
	.post_filter = &(const struct post_filter_ops){.propose = evict_node_zero},
};

Test(plugins, a_post_filter_makes_room)
{
	hand_node(&trace, "n1", 1, "");
	hand_pod(&trace, "A", "1", 1, 0, 100, "", "");
	hand_pod(&trace, "B", "1", 1, 10, 10, "", "  priority: 1\n");
	struct simulation s;
	load(&s, MODE_REPLAY);
	s.profile.post_filter.plugin = &evict_node_zero_post;
	execute(&s, MODE_REPLAY);
	cr_assert_eq(calls, 1);
	cr_assert_eq(s.run.result.preemption.attempts, 1);
	cr_assert_eq(outcome_of(&s, "B")->start, 10);
	cr_assert_eq(outcome_of(&s, "A")->preemptions, 1);
	cr_assert_eq(outcome_of(&s, "A")->end, 120, "A runs its 100 s again from 20");
	simulation_release(&s);
}

/* Permit: every pod is of one group, admitted once two have found a place.  Two GPUs; A
 * arrives at 0, B at 10: A waits for B, and both start at 10. */
struct pair {
	int arrived;
	bool released;
};
static struct pair pair;

static size_t one_group(const void *self)
{
	(void)self;
	return 1;
}

static int32_t group_zero(const void *self, const struct pod_spec *p)
{
	(void)p;
	return ((const struct pair *)self)->released ? -1 : 0;
}

static void member_arrived(void *self, const struct pod_spec *p)
{
	(void)p;
	((struct pair *)self)->arrived++;
}

static bool two_arrived(const void *self, int32_t group)
{
	(void)group;
	return ((const struct pair *)self)->arrived >= 2;
}

static bool two_placed(void *self, int32_t group, size_t placed)
{
	(void)group;
	calls++;
	return placed >= 2 && (((struct pair *)self)->released = true);
}

static int pair_init(void **self, const struct plugin_env *env, struct error *err)
{
	(void)env;
	(void)err;
	pair = (struct pair){0, false};
	*self = &pair;
	return 0;
}

static const struct plugin pairs_permit = {
	.name = "Pairs",
	.init = pair_init,
	.permit = &(const struct permit_ops){
		.groups = one_group, .group = group_zero, .arrived = member_arrived, .ready = two_arrived,
		.admits = two_placed},
};

Test(plugins, a_permit_plugin_starts_a_group_together)
{
	hand_node(&trace, "n1", 2, "");
	hand_pod(&trace, "A", "1", 1, 0, 100, "", "");
	hand_pod(&trace, "B", "1", 1, 10, 100, "", "");
	struct simulation s;
	load(&s, MODE_REPLAY);
	s.profile.permit.plugin = &pairs_permit;
	execute(&s, MODE_REPLAY);
	cr_assert_eq(calls, 1, "the group is tried once both have arrived");
	cr_assert_eq(outcome_of(&s, "A")->start, 10);
	cr_assert_eq(outcome_of(&s, "B")->start, 10);
	simulation_release(&s);
}

/* Score: the highest node index scores best.  BestFit alone would put both pods on n1. */
static int64_t last_node(void *self, const struct cluster *c, const struct pod_spec *p, size_t node, uint32_t *gpus)
{
	(void)self;
	(void)c;
	(void)p;
	(void)gpus;
	calls++;
	return (int64_t)node;
}

Test(plugins, a_score_plugin_chooses_the_node)
{
	static const struct policy_ops toy = {.name = "LastNode", .sees = SEES_NODE, .score = last_node};
	hand_node(&trace, "n1", 2, "");
	hand_node(&trace, "n2", 2, "");
	hand_node(&trace, "n3", 2, "");
	hand_pod(&trace, "A", "1", 1, -1, 0, "", "");
	struct simulation s;
	load(&s, MODE_INFLATION);
	s.profile.plugins[0] = (struct profile_plugin){&toy, 1, NULL};
	s.profile.scan_nodes = true;
	execute(&s, MODE_INFLATION);
	cr_assert_eq(calls, 3, "three feasible nodes, each scored once");
	cr_assert_str_eq(placed_on(&s, "A"), "n3");
	simulation_release(&s);
}

/* Batch placement: a window of all the arrivals, each put on the last node through the
 * trial handle and then given back; the engine binds what the placer decided. */
static int all_on_last(void *self, struct trial *t, const struct pod_spec *const *pods, size_t n, struct pcg32 *rng,
		       struct placement *out, size_t *decided, struct error *err)
{
	(void)self;
	(void)rng;
	(void)err;
	calls++;
	size_t last = trial_cluster(t)->n - 1;
	for (size_t i = 0; i < n; i++)
		if (trial_place_on(t, pods[i], last, &out[i]))
			return -1;
	*decided = n;
	return trial_undo(t);
}

Test(plugins, a_batch_placer_decides_a_window)
{
	static const struct policy_ops toy = {.name = "AllOnLast", .place = all_on_last};
	hand_node(&trace, "n1", 2, "");
	hand_node(&trace, "n2", 2, "");
	hand_pod(&trace, "A", "1", 1, -1, 0, "", "");
	hand_pod(&trace, "B", "1", 1, -1, 0, "", "");
	struct simulation s;
	load(&s, MODE_INFLATION);
	s.profile.plugins[0] = (struct profile_plugin){&toy, 1, NULL};
	s.profile.batch = true;
	execute(&s, MODE_INFLATION);
	cr_assert_eq(calls, 1, "one window holds both arrivals");
	cr_assert_str_eq(placed_on(&s, "A"), "n2");
	cr_assert_str_eq(placed_on(&s, "B"), "n2");
	simulation_release(&s);
}

/* Deschedule: each node's first listed pod, up to the limit.  Two one-GPU nodes, one pod
 * each; ratio 0.5 allows one victim: n1's, which BestFit puts back on n1. */
static int first_of_each(void *self, const struct deschedule_view *v, size_t limit, uint32_t *victims, size_t *n,
			 struct error *err)
{
	(void)self;
	(void)err;
	calls++;
	*n = 0;
	for (size_t node = 0; node < v->c->n && *n < limit; node++)
		if (v->at[node] < v->at[node + 1])
			victims[(*n)++] = v->node_pods[v->at[node]];
	return 0;
}

static const struct plugin first_of_each_deschedule = {
	.name = "FirstOfEach", .deschedule = &(const struct deschedule_ops){.choose = first_of_each}};

Test(plugins, a_deschedule_plugin_chooses_the_victims)
{
	hand_node(&trace, "n1", 1, "");
	hand_node(&trace, "n2", 1, "");
	hand_pod(&trace, "A", "1", 1, -1, 0, "", "");
	hand_pod(&trace, "B", "1", 1, -1, 0, "", "");
	struct simulation s;
	load(&s, MODE_INFLATION);
	execute(&s, MODE_INFLATION);
	const char *a_on = placed_on(&s, "A");
	struct deschedule_result d;
	struct error err = {{0}};
	cr_assert_eq(engine_deschedule(&s.run.cluster, &s.run.scheduler, &s.run.metrics, &s.run.arrivals,
				       &first_of_each_deschedule, 0.5, 1,
				       &s.run.result, &d, &err),
		     0, "%s", err.msg);
	cr_assert_eq(calls, 1);
	cr_assert_eq(d.limit, 1);
	cr_assert_eq(d.evicted, 1);
	cr_assert_str_eq(s.run.arrivals.pods[d.victims[0]].name, strcmp(a_on, "n1") == 0 ? "A" : "B");
	cr_assert_eq(d.moved, 0);
	cr_assert_str_eq(d.policy, "FirstOfEach");
	deschedule_result_release(&d);
	simulation_release(&s);
}

static char *validate_with(const char *plugins)
{
	hand_node(&trace, "n1", 1, "");
	hand_write(&trace, dir, "");
	write_sched_with(dir, plugins, "");
	char args[1200], *err = NULL;
	snprintf(args, sizeof args, "validate -f %s/cluster.yaml -s %s/sched.yaml", dir, dir);
	cr_assert_eq(run_simon(args, &err), 1, "%s", err);
	return err;
}

Test(plugins, an_unknown_name_is_an_error_naming_the_nearest_of_its_point)
{
	char *err = validate_with("      postFilter:\n        enabled:\n          - name: DefaultPremption\n");
	cr_assert(strstr(err, "sched.yaml:8:19: unknown plugin \"DefaultPremption\" in plugins.postFilter.enabled (did "
			      "you mean \"DefaultPreemption\"?)"),
		  "%s", err);
	free(err);
}

Test(plugins, a_plugin_at_the_wrong_point_is_told_where_it_belongs)
{
	char *err = validate_with("      filter:\n        enabled:\n          - name: DefaultPreemption\n");
	cr_assert(strstr(err, "sched.yaml:8:19: plugins.filter.enabled: DefaultPreemption is not a plugin of this point; "
			      "name it at plugins.postFilter"),
		  "%s", err);
	free(err);
}

/* `simon help plugins` names each plugin under every point it acts at. */
Test(plugins, help_lists_every_plugin_by_its_points)
{
	FILE *f = popen("'" SIMON_BIN "' help plugins", "r");
	cr_assert_not_null(f);
	char out[16384];
	size_t n = fread(out, 1, sizeof out - 1, f);
	out[n] = '\0';
	cr_assert_eq(pclose(f), 0);
	cr_assert(strstr(out, "plugins.queueSort\n  PrioritySort") && strstr(out, "plugins.permit\n  Coscheduling") &&
			  strstr(out, "descheduleConfig\n  cosSim"),
		  "%s", out);
	const char *post = strstr(out, "plugins.postFilter\n");
	cr_assert(post && strstr(post, "MLOpsQueue") < strstr(post, "plugins.permit"), "MLOpsQueue evicts: %s", out);
}

/* Kubernetes' own filters simon does not apply are accepted with a note, and NodeResourcesFit's
 * filter is said to be Open-Gpu-Share's fit; a name that is neither theirs nor simon's is an
 * error. */
Test(plugins, kubernetes_own_filters_get_a_note)
{
	hand_node(&trace, "n1", 1, "");
	hand_write(&trace, dir, "");
	write_sched_with(dir,
			 "      filter:\n        enabled:\n          - name: NodeResourcesFit\n"
			 "          - name: Open-Gpu-Share\n          - name: VolumeBinding\n",
			 "");
	char args[1200], *err = NULL;
	snprintf(args, sizeof args, "validate -f %s/cluster.yaml -s %s/sched.yaml", dir, dir);
	cr_assert_eq(run_simon(args, &err), 0, "%s", err);
	cr_assert(strstr(err, "sched.yaml:8: NodeResourcesFit's filter is Open-Gpu-Share's fit here, in every profile"),
		  "%s", err);
	cr_assert(strstr(err, "sched.yaml:10: filter plugin VolumeBinding is Kubernetes' own; simon ignores it"), "%s", err);
	free(err);
}

/* A batch placer decides windows of pods: a post-filter beside it would never be asked. */
Test(plugins, a_batch_placer_takes_no_post_filter)
{
	hand_node(&trace, "n1", 1, "");
	hand_write(&trace, dir, "");
	write_text(dir, "sched.yaml",
		   "apiVersion: kubescheduler.config.k8s.io/v1beta1\nkind: KubeSchedulerConfiguration\nprofiles:\n"
		   "  - schedulerName: simon-scheduler\n    plugins:\n      postFilter:\n        enabled:\n"
		   "          - name: DefaultPreemption\n      score:\n        enabled:\n          - name: GA\n");
	char args[1200], *err = NULL;
	snprintf(args, sizeof args, "validate -f %s/cluster.yaml -s %s/sched.yaml", dir, dir);
	cr_assert_eq(run_simon(args, &err), 1, "%s", err);
	cr_assert(strstr(err, "GA decides windows of pods; it cannot be combined with DefaultPreemption"), "%s", err);
	free(err);
}
