/* Node classes: bind and unbind moving nodes between classes on a hand-built cluster, and
 * the class-by-class scheduler against the node-by-node one on randomized small clusters,
 * decision by decision, for every policy and for combinations. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "sim/plugin/score.h"
#include "sim/scheduler.h"
#include "tests/support.h"

static struct workload w;

static struct node_spec *add_node(const char *name, int64_t cpu, int gpus, int model)
{
	return add_test_node(&w, name, cpu, gpus, model);
}

static struct pod_spec pod(int64_t cpu, int count, int milli)
{
	return (struct pod_spec){.name = "p", .cpu_milli = cpu, .gpu_count = count, .gpu_milli = milli, .job = -1};
}

static uint32_t class_size(const struct cluster *c, size_t node)
{
	return node_class_of(&c->classes, node)->n;
}

/* Three equal nodes: one class of three, whose first member has the lowest tie rank. */
Test(classes, bind_and_unbind_move_nodes_between_classes)
{
	workload_init(&w);
	workload_model(&w, "V100");
	add_node("a", 32000, 4, 0);
	add_node("b", 32000, 4, 0);
	add_node("c", 32000, 4, 0);
	struct cluster c;
	struct error err;
	cr_assert_eq(cluster_init(&c, &w, 7, 0, &err), 0, "%s", err.msg);
	cr_assert_eq(c.classes.n_live, 1);
	cr_assert_eq(class_size(&c, 0), 3);
	uint32_t first = node_class_of(&c.classes, 0)->members[0];
	for (uint32_t i = 0; i < 3; i++)
		cr_assert(c.tie_rank[first] <= c.tie_rank[i]);

	/* A pod on the first member: it leaves for a class of its own; the next lowest rank leads. */
	struct pod_spec half = pod(1000, 1, 500);
	cr_assert_eq(cluster_bind(&c, first, &half, 1u), 0);
	cr_assert_eq(c.classes.n_live, 2);
	cr_assert_eq(class_size(&c, first), 1);
	uint32_t other = first == 0 ? 1 : 0;
	cr_assert_eq(class_size(&c, other), 2);
	uint32_t lead = node_class_of(&c.classes, other)->members[0];
	for (uint32_t i = 0; i < 3; i++)
		if (i != first)
			cr_assert(c.tie_rank[lead] <= c.tie_rank[i]);

	/* The same pod on the same GPU of another node: the two share a class again. */
	cr_assert_eq(cluster_bind(&c, lead, &half, 1u), 0);
	cr_assert_eq(c.classes.n_live, 2);
	cr_assert_eq(c.classes.class_of[lead], c.classes.class_of[first]);
	cr_assert_eq(class_size(&c, first), 2);

	/* On another GPU the state differs (device order is part of the key): three classes. */
	uint32_t last = 3 - first - lead;
	cr_assert_eq(cluster_bind(&c, last, &half, 2u), 0);
	cr_assert_eq(c.classes.n_live, 2);
	cr_assert_neq(c.classes.class_of[last], c.classes.class_of[first]);

	/* Unbinding everything: one class of three again; the emptied classes are gone. */
	cr_assert_eq(cluster_unbind(&c, last, &half, 2u), 0);
	cr_assert_eq(cluster_unbind(&c, lead, &half, 1u), 0);
	cr_assert_eq(c.classes.n_live, 2);
	cr_assert_eq(cluster_unbind(&c, first, &half, 1u), 0);
	cr_assert_eq(c.classes.n_live, 1);
	cr_assert_eq(class_size(&c, 0), 3);
	cr_assert_eq(node_class_of(&c.classes, 0)->members[0], first);
	cluster_release(&c);
	workload_release(&w);
}

/* Labels no pod selects on do not split classes; one a pod selects on does. */
Test(classes, only_selected_labels_split_classes)
{
	static const struct label host_a[] = {{"kubernetes.io/hostname", "a"}, {"zone", "x"}};
	static const struct label host_b[] = {{"kubernetes.io/hostname", "b"}, {"zone", "y"}};
	static const struct label zone_x[] = {{"zone", "x"}};
	workload_init(&w);
	struct node_spec *a = add_node("a", 32000, 0, -1), *b = add_node("b", 32000, 0, -1);
	a->labels = host_a;
	b->labels = host_b;
	a->n_labels = b->n_labels = 2;
	struct cluster c;
	struct error err;
	cr_assert_eq(cluster_init(&c, &w, 1, 0, &err), 0, "%s", err.msg);
	cr_assert_eq(c.classes.n_live, 1);
	cluster_release(&c);
	struct pod_spec *p = workload_add_pod(&w);
	*p = pod(1000, 0, 0);
	p->selector = zone_x;
	p->n_selector = 1;
	cr_assert_eq(cluster_init(&c, &w, 1, 0, &err), 0, "%s", err.msg);
	cr_assert_eq(c.classes.n_live, 2);
	cluster_release(&c);
	workload_release(&w);
}

/* Racks split classes only when asked. */
Test(classes, racks_split_classes_when_asked)
{
	workload_init(&w);
	workload_model(&w, "T4");
	add_node("a", 32000, 2, 0)->rack = workload_rack(&w, "r0");
	add_node("b", 32000, 2, 0)->rack = workload_rack(&w, "r1");
	struct cluster c;
	struct error err;
	cr_assert_eq(cluster_init(&c, &w, 1, 0, &err), 0, "%s", err.msg);
	cr_assert_eq(c.classes.n_live, 1);
	cluster_release(&c);
	cr_assert_eq(cluster_init(&c, &w, 1, CLASS_BY_RACK, &err), 0, "%s", err.msg);
	cr_assert_eq(c.classes.n_live, 2);
	cluster_release(&c);
	workload_release(&w);
}

/* Everything the index promises, checked against the nodes themselves. */
static void check_index(const struct cluster *c, const struct pod_spec *next, unsigned class_by)
{
	const struct node_classes *nc = &c->classes;
	uint32_t live = 0, members = 0;
	for (uint32_t b = 0; b < nc->n_buckets; b++)
		for (uint32_t k = 0; k < nc->live[b].n; k++) {
			const struct class_entry *e = &nc->live[b].at[k];
			uint32_t id = e->id;
			const struct node_class *cl = &nc->cls[id];
			cr_assert(cl->n > 0);
			cr_assert_eq(e->n, cl->n);
			cr_assert_eq(e->first, cl->members[0]);
			cr_assert(!memcmp(&e->fit, &c->fit[e->first], sizeof e->fit));
			cr_assert_eq(cl->bucket, b);
			cr_assert_eq(cl->live_at, k);
			live++;
			members += cl->n;
			for (uint32_t m = 0; m < cl->n; m++) {
				uint32_t node = cl->members[m];
				cr_assert_eq(nc->class_of[node], id);
				cr_assert_eq(nc->heap_at[node], m);
				if (m > 0)
					cr_assert(c->tie_rank[cl->members[(m - 1) / 2]] < c->tie_rank[node]);
			}
		}
	cr_assert_eq(live, nc->n_live);
	cr_assert_eq(members, c->n);
	for (uint32_t b = 0; b < nc->n_buckets; b++)
		cr_assert_eq(!!(nc->occupied[b / 32] >> b % 32 & 1), nc->live[b].n > 0, "bucket %u", b);
	for (uint32_t word = 0; word <= (nc->n_buckets - 1) / 32; word++)
		cr_assert_eq(!!(nc->occupied_words[word / 64] >> word % 64 & 1), nc->occupied[word] != 0, "word %u", word);
	for (size_t i = 0; i < c->n; i++)
		for (size_t j = 0; j < c->n; j++) {
			const struct node_state *s = &c->state[i], *t = &c->state[j];
			const struct node_spec *a = &c->spec[i], *b = &c->spec[j];
			bool same_shape = a->cpu_milli == b->cpu_milli && a->mem_bytes == b->mem_bytes &&
					  a->max_pods == b->max_pods && a->gpu_count == b->gpu_count &&
					  (a->model == b->model || !a->gpu_count);
			bool same_state = s->cpu_used == t->cpu_used && s->mem_used == t->mem_used && s->pods == t->pods &&
					  !memcmp(s->gpu_left, t->gpu_left, sizeof s->gpu_left) &&
					  !memcmp(s->shape_pods, t->shape_pods, sizeof s->shape_pods) &&
					  (!(class_by & CLASS_BY_NONZERO) || (s->nonzero_cpu_used == t->nonzero_cpu_used &&
									     s->nonzero_mem_used == t->nonzero_mem_used));
			/* The zone is the one label a shape reads here (a hostname has too many values). */
			same_shape = same_shape && !strcmp(a->labels[0].value, b->labels[0].value) && a->taints == b->taints &&
				     a->unschedulable == b->unschedulable;
			if (nc->class_of[i] == nc->class_of[j])
				cr_assert(same_shape && same_state, "nodes %zu and %zu share a class but differ", i, j);
			else if (a->rack == b->rack || !(class_by & CLASS_BY_RACK))
				cr_assert(!(same_shape && same_state), "nodes %zu and %zu are alike in two classes", i, j);
		}
	uint32_t *buckets = malloc(cluster_n_buckets(c) * sizeof *buckets);
	size_t n = cluster_fit_buckets(c, next, buckets);
	for (size_t i = 0; i < c->n; i++) {
		if (!cluster_fits(c, i, next))
			continue;
		bool listed = false;
		for (size_t k = 0; k < n && !listed; k++)
			listed = buckets[k] == node_class_of(nc, i)->bucket;
		cr_assert(listed, "node %zu fits but its bucket is not scanned", i);
	}
	free(buckets);
}

static const char *const jobs[] = {"j0", "j1", "j2"};

static const struct label zones[][1] = {{{"zone", "x"}}, {{"zone", "y"}}};

/* Taint sets a node may have (the first none), and the rules a pod may have (the first none):
 * tolerations, required and preferred node affinity, a node's name. */
static const struct taint gpu_taint[] = {{"gpu", "present", EFFECT_NO_SCHEDULE, 0}};
static const struct taint spot_taint[] = {{"spot", "true", EFFECT_PREFER_NO_SCHEDULE, 1}};
static const struct taint two_taints[] = {{"dedicated", "a", EFFECT_NO_EXECUTE, 2}, {"gpu", "present", EFFECT_NO_SCHEDULE, 0}};
static const struct {
	const struct taint *at;
	uint32_t n;
} taint_sets[] = {{NULL, 0}, {gpu_taint, 1}, {spot_taint, 1}, {two_taints, 2}};
static const char *const taint_texts[] = {"gpu: present", "spot: true", "dedicated: a"};

static const struct toleration tolerate_all[] = {{"", "", OP_EXISTS, EFFECT_ANY}};
static const struct toleration tolerate_gpu[] = {{"gpu", "", OP_EXISTS, EFFECT_NO_SCHEDULE},
						 {"node.kubernetes.io/unschedulable", "", OP_EXISTS, EFFECT_ANY}};
static const struct toleration tolerate_spot[] = {{"spot", "true", OP_EQUAL, EFFECT_ANY}};
static const char *const zone_y[] = {"y"}, *const node_n1[] = {"n1"};
static const struct requirement in_y[] = {{"zone", zone_y, 1, OP_IN, false, 0}};
static const struct requirement named_n1[] = {{"metadata.name", node_n1, 1, OP_NOT_IN, true, 0}};
static const struct node_term want_y[] = {{in_y, 1, 0}}, not_n1[] = {{named_n1, 1, 0}};
static const struct node_term prefer[] = {{in_y, 1, 30}, {named_n1, 1, 70}};
/* Pod terms and spread constraints over the pods labelled app a or b, by zone and hostname. */
static const char *const app_a[] = {"a"}, *const app_b[] = {"b"}, *const ns_default[] = {"default"};
static const struct requirement is_a[] = {{"app", app_a, 1, OP_IN, false, 0}}, is_b[] = {{"app", app_b, 1, OP_IN, false, 0}};
#define TERM(req, key, w) {{req, 1, false}, ns_default, 1, false, key, w}
static const struct pod_term a_per_host[] = {TERM(is_a, "kubernetes.io/hostname", 0)},
			     a_in_zone[] = {TERM(is_a, "zone", 0)}, shun_a_zone[] = {TERM(is_a, "zone", 50)},
			     near_b_zone[] = {TERM(is_b, "zone", 20)}, near_a_host[] = {TERM(is_a, "kubernetes.io/hostname", 30)};
static const struct spread_constraint b_by_zone[] = {{1, 1, "zone", SPREAD_DO_NOT_SCHEDULE, true, false, {is_b, 1, false}}},
				      a_by_host[] = {{2, 1, "kubernetes.io/hostname", SPREAD_SCHEDULE_ANYWAY, true, true, {is_a, 1, false}},
						     {1, 3, "zone", SPREAD_DO_NOT_SCHEDULE, false, false, {is_a, 1, false}}};
static const struct pod_rules rule_sets[] = {
	{0},
	{.tolerations = tolerate_all, .n_tolerations = 1},
	{.tolerations = tolerate_gpu, .n_tolerations = 2, .required = want_y, .n_required = 1, .has_required = true},
	{.tolerations = tolerate_spot, .n_tolerations = 1, .preferred = prefer, .n_preferred = 2},
	{.required = not_n1, .n_required = 1, .has_required = true},
	{.anti_affinity = {a_per_host, 1}, .affinity_preferred = {near_b_zone, 1}},
	{.affinity = {a_in_zone, 1}, .anti_affinity_preferred = {shun_a_zone, 1}},
	{.spread = b_by_zone, .n_spread = 1, .affinity_preferred = {near_a_host, 1}},
	{.spread = a_by_host, .n_spread = 2, .anti_affinity_preferred = {shun_a_zone, 1}},
};
static const struct label pod_labels[][1] = {{{"app", "a"}}, {{"app", "b"}}};
#define MAX_NODES 160
#define MAX_PODS 240
static struct label node_labels[MAX_NODES][2];
static char node_names[MAX_NODES][16];

/* A random cluster of up to 12 nodes of four kinds over three racks and two zones, some
 * tainted or cordoned, and 60 random pods, some selecting a zone, tolerating taints or with
 * node affinity. */
/* nodes nodes (0: 2 to 12 at random) and pods pods. */
static void random_workload_of(struct pcg32 *rng, size_t nodes, int pods)
{
	static const struct {
		int64_t cpu;
		int gpus, model;
	} kinds[] = {{32000, 2, 0}, {64000, 8, 1}, {96000, 4, 0}, {16000, 0, -1}};
	workload_init(&w);
	workload_model(&w, "V100");
	workload_model(&w, "T4");
	nodes = nodes ? nodes : 2 + pcg32_below(rng, 11);
	for (size_t i = 0; i < nodes; i++) {
		int k = (int)pcg32_below(rng, 4);
		snprintf(node_names[i], sizeof node_names[i], "n%u", (unsigned)(i % MAX_NODES));
		struct node_spec *n = add_node(node_names[i], kinds[k].cpu, kinds[k].gpus, kinds[k].model);
		n->rack = workload_rack(&w, (const char *const[]){"r0", "r1", "r2"}[pcg32_below(rng, 3)]);
		node_labels[i][0] = zones[pcg32_below(rng, 2)][0];
		node_labels[i][1] = (struct label){"kubernetes.io/hostname", node_names[i]};
		n->labels = node_labels[i];
		n->n_labels = 2;
		uint32_t t = pcg32_below(rng, 6);
		n->taints = t < 4 ? taint_sets[t].at : NULL;
		n->n_taints = t < 4 ? taint_sets[t].n : 0;
		n->unschedulable = pcg32_below(rng, 8) == 0;
	}
	for (size_t t = 0; t < 3; t++)
		workload_intern(&w, &w.taint_texts, &w.n_taint_texts, &w.cap_taint_texts, taint_texts[t]);
	static const int milli[] = {100, 250, 500, 500, 750, 1000, 1000, 1000};
	for (int i = 0; i < pods; i++) {
		struct pod_spec *p = workload_add_pod(&w);
		int shape = (int)pcg32_below(rng, 10);
		*p = pod((int64_t)pcg32_below(rng, 5) * 4000, shape < 2 ? 0 : 1, shape < 2 ? 0 : milli[shape - 2]);
		if (p->gpu_milli == GPU_MILLI)
			p->gpu_count = 1 << pcg32_below(rng, 3);
		p->mem_bytes = (int64_t)pcg32_below(rng, 4) << 30;
		if (p->gpu_count && pcg32_below(rng, 4) == 0)
			p->model_mask = 1u << pcg32_below(rng, 2);
		p->job_name = pcg32_below(rng, 2) ? jobs[pcg32_below(rng, 3)] : NULL;
		if (pcg32_below(rng, 5) == 0) {
			p->selector = zones[0];
			p->n_selector = 1;
		}
		uint32_t r = pcg32_below(rng, 12);
		p->rules = r > 0 && r < 9 ? &rule_sets[r] : NULL;
		uint32_t l = pcg32_below(rng, 3);
		p->labels = l < 2 ? pod_labels[l] : NULL;
		p->n_labels = l < 2;
	}
	workload_fill_nonzero(&w);
	struct error err;
	cr_assert_eq(workload_number_jobs(&w, &err), 0, "%s", err.msg);
}

static void random_workload(struct pcg32 *rng)
{
	random_workload_of(rng, 0, 60);
}

static struct typical_pod typical_items[] = {
	{.cpu_milli = 4000, .gpu_milli = 500, .gpu_count = 1, .freq = 0.5},
	{.cpu_milli = 8000, .gpu_milli = 1000, .gpu_count = 2, .freq = 0.3},
	{.cpu_milli = 2000, .freq = 0.2},
};
static const struct typical_pods typical = {typical_items, 3, 1};

struct side {
	struct scheduler_profile profile;
	struct cluster cluster;
	struct scheduler scheduler;
	struct pcg32 rng;
	struct placement placed[MAX_PODS];
};

static void side_init(struct side *s, const struct scheduler_profile *p, bool scan_nodes, uint64_t seed)
{
	struct error err;
	s->profile = *p;
	s->profile.scan_nodes = scan_nodes;
	cr_assert_eq(cluster_init(&s->cluster, &w, seed, p->class_by, &err), 0, "%s", err.msg);
	cr_assert_eq(scheduler_init(&s->scheduler, &s->profile, &s->cluster, &typical, &err), 0, "%s", err.msg);
	pcg32_seed(&s->rng, seed, RNG_POLICY);
}

static void side_release(struct side *s)
{
	scheduler_release(&s->scheduler);
	cluster_release(&s->cluster);
}

static enum schedule_result place(struct side *s, size_t i)
{
	const struct pod_spec *p = &w.pods[i];
	struct placement *pl = &s->placed[i];
	enum schedule_result r = scheduler_schedule(&s->scheduler, &s->cluster, p, &s->rng, pl);
	if (r != SCHEDULED) {
		pl->node = -1;
		return r;
	}
	cr_assert_eq(cluster_bind(&s->cluster, (size_t)pl->node, p, pl->gpus), 0);
	scheduler_bound(&s->scheduler, &s->cluster, p, (size_t)pl->node);
	return r;
}

static void unplace(struct side *s, size_t i)
{
	const struct placement *pl = &s->placed[i];
	cr_assert_eq(cluster_unbind(&s->cluster, (size_t)pl->node, &w.pods[i], pl->gpus), 0);
	scheduler_unbound(&s->scheduler, &s->cluster, &w.pods[i], (size_t)pl->node);
	s->placed[i].node = -1;
}

/* The pods in order, every fourth one followed by the departure of a random earlier one, on
 * two equal clusters: one scheduled as the profile says (class by class unless a policy sees
 * nodes), one node by node. */
static void same_decisions(const struct scheduler_profile *p, uint64_t seed, struct pcg32 *rng)
{
	struct side *a = calloc(2, sizeof *a), *b = a + 1;
	side_init(a, p, p->scan_nodes, seed);
	side_init(b, p, true, seed);
	for (size_t i = 0; i < w.n_pods; i++) {
		check_index(&a->cluster, &w.pods[i], p->class_by);
		enum schedule_result ra = place(a, i), rb = place(b, i);
		cr_assert_eq(ra, rb, "%s, seed %llu, pod %zu: results differ", p->name, (unsigned long long)seed, i);
		cr_assert_eq(a->placed[i].node, b->placed[i].node, "%s, seed %llu, pod %zu: node %d by class, %d by node",
			     p->name, (unsigned long long)seed, i, a->placed[i].node, b->placed[i].node);
		cr_assert_eq(a->placed[i].gpus, b->placed[i].gpus, "%s, seed %llu, pod %zu: GPUs differ", p->name,
			     (unsigned long long)seed, i);
		size_t gone = pcg32_below(rng, (uint32_t)i + 1);
		if (i % 4 == 3 && a->placed[gone].node >= 0) {
			unplace(a, gone);
			unplace(b, gone);
		}
	}
	side_release(a);
	side_release(b);
	free(a);
}

static void profile_of(struct scheduler_profile *p, const char *policy)
{
	struct error err;
	cr_assert_eq(scheduler_profile_build(p, NULL, policy, &err), 0, "%s", err.msg);
}

/* A config's profile: plugins with weights, and Open-Gpu-Share's gpuSelMethod. */
static void profile_mix(struct scheduler_profile *p, struct sched_config *cfg, const char *const *plugins,
			const int64_t *weights, int n, const char *gpu_sel)
{
	config_in_code(cfg, "mix.yaml", plugins, weights, n);
	config_args(cfg, "Open-Gpu-Share", (const char *const[]){"gpuSelMethod", gpu_sel, NULL});
	struct error err;
	cr_assert_eq(scheduler_profile_build(p, cfg, NULL, &err), 0, "%s", err.msg);
}

Test(classes, class_scheduler_decides_as_the_node_scan, .timeout = 120)
{
	static const char *const fgd_topology[] = {"FGDScore", "TopologyScore"};
	static const char *const three[] = {"BestFitScore", "GpuClusteringScore", "DotProductScore"};
	static const char *const random_packing[] = {"RandomScore", "GpuPackingScore"};
	static const char *const kube[] = {"TaintToleration", "NodeAffinity", "NodeResourcesFit",
					   "NodeResourcesBalancedAllocation", "PodTopologySpread", "InterPodAffinity",
					   "BestFitScore"};
	static const int64_t kube_w[] = {3, 2, 1, 1, 2, 2, 1};
	static const int64_t fgd_topology_w[] = {1000, 100}, three_w[] = {3, 2, 1}, random_packing_w[] = {1, 1};
	struct pcg32 rng;
	pcg32_seed(&rng, 2026, 0);
	for (uint64_t seed = 1; seed <= 40; seed++) {
		random_workload(&rng);
		for (const struct plugin *const *pl = plugin_registry; *pl; pl++) {
			if (!(*pl)->score || (*pl)->score->place)
				continue; /* a batch placer decides through its decoder (test_ga.c) */
			struct scheduler_profile p;
			profile_of(&p, (*pl)->score->name);
			same_decisions(&p, seed, &rng);
		}
		struct sched_config cfg;
		struct scheduler_profile p;
		profile_mix(&p, &cfg, fgd_topology, fgd_topology_w, 2, "FGDScore");
		cr_assert(p.class_by & CLASS_BY_RACK);
		same_decisions(&p, seed, &rng);
		profile_mix(&p, &cfg, three, three_w, 3, "random");
		same_decisions(&p, seed, &rng);
		/* RandomScore's drawn node scored apart from its class, beside a class-wide score. */
		profile_mix(&p, &cfg, random_packing, random_packing_w, 2, "best");
		same_decisions(&p, seed, &rng);
		/* kube-scheduler's node filters, on in every profile, with their scores. */
		profile_mix(&p, &cfg, kube, kube_w, 7, "best");
		same_decisions(&p, seed, &rng);
		workload_release(&w);
	}
}

/* kube-scheduler's sampling (percentageOfNodesToScore 50 on 150 nodes: 100 feasible nodes a
 * cycle, from where the last stopped): the sample scored once a class decides as the sample
 * scored node by node. */
Test(classes, a_sample_scored_by_class_decides_as_node_by_node, .timeout = 120)
{
	static const char *const kube[] = {"TaintToleration", "NodeAffinity", "NodeResourcesFit",
					   "NodeResourcesBalancedAllocation", "PodTopologySpread", "InterPodAffinity"};
	static const int64_t kube_w[] = {3, 2, 1, 1, 2, 2};
	struct pcg32 rng;
	pcg32_seed(&rng, 2027, 0);
	for (uint64_t seed = 1; seed <= 6; seed++) {
		random_workload_of(&rng, 150, MAX_PODS);
		struct sched_config cfg;
		struct scheduler_profile p;
		config_in_code(&cfg, "kube.yaml", kube, kube_w, 6);
		cfg.percentage_of_nodes = 50;
		struct error err;
		cr_assert_eq(scheduler_profile_build(&p, &cfg, NULL, &err), 0, "%s", err.msg);
		same_decisions(&p, seed, &rng);
		workload_release(&w);
	}
}
