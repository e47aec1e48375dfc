/* Pipelines (sim/load/dag.h, sim/pipelines.h, policies/queue/pipeline_order.c) in replay, on
 * timelines worked out by hand: a chain under two queue orders, a fork-join at its critical path, each placer's choice, the
 * importers, the errors, determinism and work conservation. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "sim/report/pipeline_stats.h"
#include "tests/support.h"

SCRATCH_SUITE(pipelines, scratch_make);

static struct hand_trace trace;

/* A CPU pod of `cpu` cores arriving at `at` for `run` s, in pipeline `pipe` (NULL: none) after
 * the pods named in `after` (NULL: none), of task type `type` (NULL: none). */
static void task(const char *name, const char *cpu, long at, long run, const char *pipe, const char *after,
		 const char *type)
{
	char spec[512] = "";
	size_t n = 0;
	if (pipe)
		n += (size_t)snprintf(spec + n, sizeof spec - n, "    simon.io/pipeline: %s\n", pipe);
	if (after)
		n += (size_t)snprintf(spec + n, sizeof spec - n, "    simon.io/after: %s\n", after);
	if (type)
		snprintf(spec + n, sizeof spec - n, "    simon.io/task-type: %s\n", type);
	char doc[2048];
	snprintf(doc, sizeof doc, "%s", pod_yaml(name, cpu, 0, 0, NULL, at, at + run));
	char *annos = strstr(doc, "  annotations:\n");
	cr_assert(annos);
	annos += strlen("  annotations:\n");
	char rest[2048];
	snprintf(rest, sizeof rest, "%s", annos);
	snprintf(annos, sizeof doc - (size_t)(annos - doc), "%s%s", spec, rest);
	size_t len = strlen(trace.pods);
	snprintf(trace.pods + len, sizeof trace.pods - len, "%s%s", len ? "---\n" : "", doc);
}

static void cpu_node(const char *name, const char *cpu)
{
	size_t len = strlen(trace.nodes);
	snprintf(trace.nodes + len, sizeof trace.nodes - len, "%s%s", len ? "---\n" : "",
		 node_yaml(name, cpu, "64Gi", 0, NULL));
}

static void replay_with(struct simulation *s, const char *queue, const char *score, uint64_t seed)
{
	hand_write(&trace, dir, "");
	char plugins[512] = "", sched[2048];
	if (queue)
		snprintf(plugins, sizeof plugins, "      queueSort:\n        enabled:\n          - name: %s\n", queue);
	snprintf(sched, sizeof sched,
		 "apiVersion: kubescheduler.config.k8s.io/v1beta1\nkind: KubeSchedulerConfiguration\nprofiles:\n"
		 "  - schedulerName: simon-scheduler\n    plugins:\n%s      score:\n        enabled:\n          - name: %s\n",
		 plugins, score);
	write_text(dir, "sched.yaml", sched);
	struct error err;
	cr_assert_eq(run_dir(dir, MODE_REPLAY, seed, s, &err), 0, "%s", err.msg);
}

/* n1 and n2 have 4 CPUs; every pod takes 4.  X runs 0-25; the chain a (10 s) → b (20 s) → c
 * (5 s) starts at 0; Y (30 s) arrives at 5.
 * FIFO: a 0-10 and X fill both nodes; Y waits from 5.  At 10 a ends and b is released, behind Y:
 * Y 10-40.  X leaves at 25: b 25-45.  c is released at 45: 45-50.
 * PipelineFIFO puts pipeline pods first: at 10 b 10-30, Y waits for X: 25-55; c 30-35. */
static void chain_and_others(void)
{
	cpu_node("n1", "4");
	cpu_node("n2", "4");
	task("X", "4", 0, 25, NULL, NULL, NULL);
	task("a", "4", 0, 10, "p", NULL, NULL);
	task("b", "4", 0, 20, "p", "a", NULL);
	task("c", "4", 0, 5, "p", "b", NULL);
	task("Y", "4", 5, 30, NULL, NULL, NULL);
}

Test(pipelines, a_chain_waits_its_turn_in_fifo)
{
	chain_and_others();
	struct simulation s;
	replay_with(&s, NULL, "BestFitScore", 42);
	cr_assert_eq(outcome_of(&s, "a")->start, 0);
	cr_assert_eq(outcome_of(&s, "Y")->start, 10);
	cr_assert_eq(outcome_of(&s, "b")->arrival, 10, "released when a ends");
	cr_assert_eq(outcome_of(&s, "b")->start, 25);
	cr_assert_eq(outcome_of(&s, "c")->start, 45);
	cr_assert_eq(outcome_of(&s, "c")->end, 50);
	simulation_release(&s);
}

Test(pipelines, pipeline_fifo_puts_the_chain_first)
{
	chain_and_others();
	struct simulation s;
	replay_with(&s, "PipelineFIFO", "BestFitScore", 42);
	cr_assert_eq(outcome_of(&s, "b")->start, 10);
	cr_assert_eq(outcome_of(&s, "Y")->start, 25);
	cr_assert_eq(outcome_of(&s, "c")->start, 30);
	struct pipelines_summary ps;
	struct error err;
	cr_assert_eq(pipelines_summarize(&s.run.arrivals, &s.run.result, &ps, &err), 0);
	cr_assert_eq(ps.n, 1);
	cr_assert_eq(ps.each[0].last_end, 35);
	cr_assert_eq(ps.each[0].critical_path, 35);
	cr_assert_float_eq(ps.mean_jct, 35, 1e-9);
	pipelines_summary_release(&ps);
	simulation_release(&s);
}

/* A fork-join on four empty nodes: s (10 s) → p1 (30 s), p2 (50 s), p3 (20 s) → j (5 s).  Nothing
 * waits for room, so the pipeline takes exactly its critical path, 10 + 50 + 5 = 65 s. */
Test(pipelines, a_fork_join_on_an_empty_cluster_takes_its_critical_path)
{
	for (int k = 0; k < 4; k++) {
		char name[8];
		snprintf(name, sizeof name, "n%d", k);
		cpu_node(name, "32");
	}
	task("s", "1", 0, 10, "fj", NULL, NULL);
	task("p1", "1", 0, 30, "fj", "s", NULL);
	task("p2", "1", 0, 50, "fj", "s", NULL);
	task("p3", "1", 0, 20, "fj", "s", NULL);
	task("j", "1", 0, 5, "fj", "p1, p2,p3", NULL);
	struct simulation s;
	replay_with(&s, "PipelineFIFO", "BestFitScore", 42);
	cr_assert_eq(outcome_of(&s, "j")->start, 60);
	cr_assert_eq(s.run.result.makespan, 65);
	struct pipelines_summary ps;
	struct error err;
	cr_assert_eq(pipelines_summarize(&s.run.arrivals, &s.run.result, &ps, &err), 0);
	cr_assert_eq(ps.bound, 65);
	cr_assert_eq(ps.makespan, 65);
	pipelines_summary_release(&ps);
	simulation_release(&s);
}

/* Two pipelines wait for n1 (2 CPUs), held by X until 100: L, whose remaining critical path is
 * 100 + 100 = 200 s, and S, 30 s.  ShortestCriticalPath starts S first (100-130), then L;
 * PipelineFIFO the pipeline submitted first, L, both its pods (100-200, 200-300), then S. */
static void long_and_short(void)
{
	cpu_node("n1", "2");
	task("X", "2", 0, 100, NULL, NULL, NULL);
	task("L1", "2", 1, 100, "long", NULL, NULL);
	task("L2", "2", 1, 100, "long", "L1", NULL);
	task("S1", "2", 2, 30, "short", NULL, NULL);
}

Test(pipelines, the_shortest_critical_path_goes_first)
{
	long_and_short();
	struct simulation s;
	replay_with(&s, "ShortestCriticalPath", "BestFitScore", 42);
	cr_assert_eq(outcome_of(&s, "S1")->start, 100);
	cr_assert_eq(outcome_of(&s, "L1")->start, 130);
	simulation_release(&s);
	long_and_short();
	replay_with(&s, "PipelineFIFO", "BestFitScore", 42);
	cr_assert_eq(outcome_of(&s, "L1")->start, 100);
	cr_assert_eq(outcome_of(&s, "L2")->start, 200, "its pipeline came first");
	cr_assert_eq(outcome_of(&s, "S1")->start, 300);
	simulation_release(&s);
}

/* PipelineRandom orders the same two pipelines by a seeded draw: over seeds each comes first
 * sometimes, and a seed always gives the same order. */
Test(pipelines, pipeline_random_is_seeded)
{
	int short_first = 0;
	for (uint64_t seed = 1; seed <= 10; seed++) {
		struct simulation a, b;
		long_and_short();
		replay_with(&a, "PipelineRandom", "BestFitScore", seed);
		long_and_short();
		replay_with(&b, "PipelineRandom", "BestFitScore", seed);
		cr_assert_eq(outcome_of(&a, "S1")->start, outcome_of(&b, "S1")->start);
		short_first += outcome_of(&a, "S1")->start == 100;
		simulation_release(&a);
		simulation_release(&b);
	}
	cr_assert(short_first > 0 && short_first < 10, "short first in %d of 10 seeds", short_first);
}

/* Three nodes in turn: four pods arriving one after another go to n0, n1, n2, n0. */
Test(pipelines, round_robin_takes_the_nodes_in_turn)
{
	cpu_node("n0", "8");
	cpu_node("n1", "8");
	cpu_node("n2", "8");
	for (int k = 0; k < 4; k++) {
		char name[8];
		snprintf(name, sizeof name, "t%d", k);
		task(name, "1", k, 100, "p", NULL, NULL);
	}
	struct simulation s;
	replay_with(&s, "PipelineFIFO", "RoundRobinScore", 42);
	cr_assert_str_eq(placed_on(&s, "t0"), "n0");
	cr_assert_str_eq(placed_on(&s, "t1"), "n1");
	cr_assert_str_eq(placed_on(&s, "t2"), "n2");
	cr_assert_str_eq(placed_on(&s, "t3"), "n0");
	simulation_release(&s);
}

/* Greedy takes the node with the most free memory: n1 (64Gi) over n0 (16Gi).  With
 * memoryFactor 2 a pod reading 40Gi needs more than 80Gi free: none has it, so it waits. */
Test(pipelines, greedy_takes_the_roomiest_node_and_keeps_the_memory_rule)
{
	size_t len = strlen(trace.nodes);
	snprintf(trace.nodes + len, sizeof trace.nodes - len, "%s---\n", node_yaml("n0", "8", "16Gi", 0, NULL));
	len = strlen(trace.nodes);
	snprintf(trace.nodes + len, sizeof trace.nodes - len, "%s", node_yaml("n1", "8", "64Gi", 0, NULL));
	task("t", "1", 0, 100, "p", NULL, NULL);
	task("big", "1", 0, 100, "q", NULL, NULL);
	char *big = strstr(trace.pods, "simon.io/pipeline: q\n");
	cr_assert(big);
	char rest[8192];
	snprintf(rest, sizeof rest, "%s", big + strlen("simon.io/pipeline: q\n"));
	snprintf(big, sizeof trace.pods - (size_t)(big - trace.pods), "simon.io/pipeline: q\n    simon.io/data-bytes: 40Gi\n%s",
		 rest);
	hand_write(&trace, dir, "");
	write_sched_with(dir, "", "");
	write_text(dir, "sched.yaml",
		   "apiVersion: kubescheduler.config.k8s.io/v1beta1\nkind: KubeSchedulerConfiguration\nprofiles:\n"
		   "  - schedulerName: simon-scheduler\n    plugins:\n      score:\n        enabled:\n"
		   "          - name: GreedyScore\n    pluginConfig:\n      - name: GreedyScore\n        args:\n"
		   "          memoryFactor: 2\n");
	struct simulation s;
	struct error err;
	cr_assert_eq(run_dir(dir, MODE_REPLAY, 42, &s, &err), 0, "%s", err.msg);
	cr_assert_str_eq(placed_on(&s, "t"), "n1");
	cr_assert_eq(outcome_of(&s, "big")->node, -1, "no node has more than 80Gi free");
	simulation_release(&s);
}

/* TaskTypeScore: preprocessing on the CPU node, training on the GPU node, and the evaluation
 * back on the CPU node; a second training pod of the same pipeline prefers the GPU node it ran
 * on before over an equal one. */
Test(pipelines, task_types_choose_the_kind_of_node)
{
	cpu_node("cpu", "32");
	size_t len = strlen(trace.nodes);
	snprintf(trace.nodes + len, sizeof trace.nodes - len, "---\n%s", node_yaml("gpu-a", "32", "64Gi", 4, "T4"));
	len = strlen(trace.nodes);
	snprintf(trace.nodes + len, sizeof trace.nodes - len, "---\n%s", node_yaml("gpu-b", "32", "64Gi", 4, "T4"));
	task("prep", "1", 0, 10, "p", NULL, "preprocessing");
	task("train", "1", 0, 10, "p", "prep", "training");
	task("eval", "1", 0, 10, "p", "train", "evaluation");
	task("train2", "1", 0, 10, "p", "train", "training");
	struct simulation s;
	replay_with(&s, "PipelineFIFO", "TaskTypeScore", 42);
	cr_assert_str_eq(placed_on(&s, "prep"), "cpu");
	cr_assert_str_eq(placed_on(&s, "eval"), "cpu");
	const char *first = placed_on(&s, "train");
	cr_assert(strncmp(first, "gpu-", 4) == 0, "%s", first);
	cr_assert_str_eq(placed_on(&s, "train2"), first, "where the pipeline trained before");
	simulation_release(&s);
}

/* Graph errors name the pod and where. */
Test(pipelines, bad_graphs_are_errors_at_their_place)
{
	static const struct {
		const char *b_after, *c_after, *message;
	} bad[] = {
		{"a", "nope", "pods.yaml:40:21: Pod c: waits for 'nope', which is no pod of pipeline p"},
		{"c", "b", "Pod b: pipeline p has a cycle: b after c after b"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cpu_node("n1", "4");
		task("a", "1", 0, 10, "p", NULL, NULL);
		task("b", "1", 0, 10, "p", bad[i].b_after, NULL);
		task("c", "1", 0, 10, "p", bad[i].c_after, NULL);
		hand_write(&trace, dir, "");
		write_sched_config(dir, "BestFitScore", "best");
		char *err = apply_dir_fails(dir, "-m replay");
		cr_assert(strstr(err, bad[i].message), "case %zu: %s", i, err);
		free(err);
	}
}

/* Pipelines run in replay only, and cannot be resampled. */
Test(pipelines, pipelines_need_replay_and_no_tuning)
{
	cpu_node("n1", "4");
	task("a", "1", 0, 10, "p", NULL, NULL);
	trace.nodes[0] = '\0';
	cpu_node("n1", "4");
	hand_write(&trace, dir, "");
	write_sched_config(dir, "BestFitScore", "best");
	char *err = apply_dir_fails(dir, "");
	cr_assert(strstr(err, "pipelines (simon.io/after) run in replay mode only"), "%s", err);
	free(err);
	/* Tuning resamples to a share of the GPUs: a GPU node and a GPU pod. */
	hand_node(&trace, "g1", 2, "");
	hand_pod(&trace, "a", "1", 1, 0, 10, "", "");
	char *annos = strstr(trace.pods, "  annotations:\n");
	cr_assert(annos);
	char rest[4096];
	snprintf(rest, sizeof rest, "%s", annos + strlen("  annotations:\n"));
	snprintf(annos, sizeof trace.pods - (size_t)(annos - trace.pods), "  annotations:\n    simon.io/pipeline: p\n%s",
		 rest);
	hand_write(&trace, dir, "    workloadTuningConfig:\n      ratio: 2\n      seed: 1\n");
	err = apply_dir_fails(dir, "-m replay");
	cr_assert(strstr(err, "pipelines cannot be resampled"), "%s", err);
	free(err);
}

/* A pipeline pod waiting on one that never runs says so, and the run ends. */
Test(pipelines, a_pod_after_one_that_never_runs_says_why)
{
	cpu_node("n1", "4");
	task("huge", "64", 0, 10, "p", NULL, NULL);
	task("next", "1", 0, 10, "p", "huge", NULL);
	hand_write(&trace, dir, "");
	write_sched_config(dir, "BestFitScore", "best");
	char *csv = apply_dir(dir, "-m replay", "pods.csv");
	cr_assert(strstr(csv, "\nnext,1000,1024,0,0,,,,,,,,0,0,\"waits for huge of pipeline p, which never finished\",p\n"),
		  "%s", csv);
	free(csv);
}

/* A hand-written cluster-trace-v2018 batch_task.csv: job j1's R2_1 waits for M1 and J3_1_2 for
 * both; j2's lone task starts with its job.  On a big node: M1 100-160, R2_1 160-200, J3_1_2
 * 200-230 (the job submitted at 100, M1's start). */
Test(pipelines, alibaba_batch_tasks_encode_their_dependencies)
{
	cpu_node("n1", "96");
	hand_write(&trace, dir, "");
	write_text(dir, "cluster/batch_task.csv",
		   "M1,10,j1,1,Terminated,100,160,100,0.5\n"
		   "R2_1,5,j1,1,Terminated,170,210,50,0.3\n"
		   "J3_1_2,1,j1,1,Terminated,220,250,200,1.0\n"
		   "task_Nzg3,1,j2,1,Terminated,300,400,100,0.1\n"
		   "M9,1,j3,1,Running,300,0,100,0.1\n");
	write_text(dir, "cluster.yaml",
		   "apiVersion: simon/v1alpha1\nkind: Config\nmetadata:\n  name: b\nspec:\n  cluster:\n"
		   "    customConfig: [cluster/nodes.yaml, cluster/batch_task.csv]\n");
	write_sched_config(dir, "BestFitScore", "best");
	struct simulation s;
	struct error err;
	cr_assert_eq(run_dir(dir, MODE_REPLAY, 42, &s, &err), 0, "%s", err.msg);
	cr_assert_eq(s.run.arrivals.n, 4, "the Running task is left out");
	cr_assert_eq(outcome_of(&s, "M1")->start, 100);
	cr_assert_eq(outcome_of(&s, "R2_1")->start, 160);
	cr_assert_eq(outcome_of(&s, "J3_1_2")->start, 200);
	cr_assert_eq(outcome_of(&s, "J3_1_2")->end, 230);
	cr_assert_eq(outcome_of(&s, "task_Nzg3")->start, 300);
	simulation_release(&s);
}

/* A WfCommons task without its runtime, and one naming an unknown parent, are errors naming the
 * file, the place and the task. */
Test(pipelines, wfcommons_errors_name_the_task)
{
	static const char ok[] =
		"{\"name\": \"w\", \"schemaVersion\": \"1.5\", \"workflow\": {\"specification\": {\"tasks\": [\n"
		"  {\"id\": \"t1\", \"parents\": []},\n  {\"id\": \"t2\", \"parents\": [\"%s\"]}]},\n"
		" \"execution\": {\"tasks\": [{\"id\": \"t1\", \"runtimeInSeconds\": 1.6}, {\"id\": \"t2\"%s}]}}}\n";
	static const struct {
		const char *parent, *runtime, *message;
	} bad[] = {
		{"t1", "", "w.json:3:3: task t2: runtimeInSeconds: expected a number of seconds from 0 to 10^12"},
		/* Bounded as the YAML and CSV loaders bound times (it was accepted up to 10^15). */
		{"t1", ", \"runtimeInSeconds\": 1e13", "w.json:3:3: task t2: runtimeInSeconds: expected a number of seconds from 0 to 10^12"},
		{"t0", ", \"runtimeInSeconds\": 2", "w.json:3:27: Pod t2: waits for 't0', which is no pod of pipeline w"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cpu_node("n1", "4");
		hand_write(&trace, dir, "");
		char json[1024];
		snprintf(json, sizeof json, ok, bad[i].parent, bad[i].runtime);
		write_text(dir, "cluster/w.json", json);
		write_sched_config(dir, "BestFitScore", "best");
		char *err = apply_dir_fails(dir, "-m replay");
		cr_assert(strstr(err, bad[i].message), "case %zu: %s", i, err);
		free(err);
	}
	/* And a good one: t1 runs 2 s (1.6 rounded), then t2. */
	cpu_node("n1", "4");
	hand_write(&trace, dir, "");
	char json[1024];
	snprintf(json, sizeof json, ok, "t1", ", \"runtimeInSeconds\": 3, \"coreCount\": 2");
	write_text(dir, "cluster/w.json", json);
	struct simulation s;
	struct error err;
	cr_assert_eq(run_dir(dir, MODE_REPLAY, 42, &s, &err), 0, "%s", err.msg);
	cr_assert_eq(outcome_of(&s, "t2")->start, 2);
	cr_assert_eq(outcome_of(&s, "t2")->end, 5);
	cr_assert_eq(s.run.arrivals.pods[1].cpu_milli, 2000);
	simulation_release(&s);
}

static void run_example(const char *placer, uint64_t seed, struct simulation *s)
{
	char cc[1024], sc[1024];
	snprintf(cc, sizeof cc, "%s/data/pipelines/cluster-config.yaml", SIMON_SOURCE_DIR);
	snprintf(sc, sizeof sc, "%s/data/schedulers/pipeline-%s.yaml", SIMON_SOURCE_DIR, placer);
	struct sim_options o = {.cluster_config = cc, .scheduler_config = sc, .mode = MODE_REPLAY, .has_seed = true,
				.seed = seed};
	struct error err = {{0}};
	cr_assert_eq(simulation_run(s, &o, &err), 0, "%s", err.msg);
}

/* On the shipped example, every placer: the same seed gives the same run, and with nothing
 * preempted the pods' time on the nodes adds up to their runtimes. */
Test(pipelines, the_example_is_deterministic_and_conserves_work)
{
	static const char *const placers[] = {"random-random", "fifo-random", "fifo-round-robin", "fifo-greedy",
					      "custom"};
	for (size_t k = 0; k < 5; k++) {
		struct simulation a, b;
		run_example(placers[k], 3, &a);
		run_example(placers[k], 3, &b);
		int64_t runtimes = 0, ran = 0;
		for (size_t i = 0; i < a.run.arrivals.n; i++) {
			const struct pod_spec *p = &a.run.arrivals.pods[i];
			const struct pod_outcome *o = &a.run.result.outcomes[i];
			cr_assert(o->node >= 0, "%s: %s did not run", placers[k], p->name);
			cr_assert_eq(memcmp(o, &b.run.result.outcomes[i], sizeof *o), 0, "%s: %s differs", placers[k], p->name);
			runtimes += p->deletion - p->creation;
			ran += o->end - o->start;
		}
		cr_assert_eq(a.run.result.preemption.victims, 0);
		cr_assert_eq(ran, runtimes, "%s", placers[k]);
		simulation_release(&a);
		simulation_release(&b);
	}
}

/* PipelineExclusive: on one node of 8 CPUs, p1 (pipeline p) runs 0-100 and q1 (pipeline q)
 * arrives at 1 with room to spare: without the filter it starts at 1; with it the node belongs to
 * p until p1 leaves, so q1 starts at 100.  X, in no pipeline, shares the node either way. */
Test(pipelines, exclusive_nodes_run_one_pipeline_at_a_time)
{
	for (int exclusive = 0; exclusive < 2; exclusive++) {
		cpu_node("n1", "8");
		task("p1", "1", 0, 100, "p", NULL, NULL);
		task("q1", "1", 1, 10, "q", NULL, NULL);
		task("X", "1", 2, 10, NULL, NULL, NULL);
		hand_write(&trace, dir, "");
		write_sched_with(dir, exclusive ? "      filter:\n        enabled:\n          - name: PipelineExclusive\n" : "", "");
		struct simulation s;
		struct error err;
		cr_assert_eq(run_dir(dir, MODE_REPLAY, 42, &s, &err), 0, "%s", err.msg);
		cr_assert_eq(outcome_of(&s, "q1")->start, exclusive ? 100 : 1);
		cr_assert_eq(outcome_of(&s, "X")->start, 2);
		simulation_release(&s);
	}
}

/* A pod whose predecessor never ends is never released and never arrives: it takes no part in
 * the makespan.  A (pipeline p) runs from 10 for ever; B waits for A; C runs 20..70.  The
 * makespan is 70 − 10 = 60, not 70 − (no arrival), which was −9.2×10^18. */
Test(pipelines, a_pod_that_never_arrives_takes_no_part_in_the_makespan)
{
	cpu_node("n1", "4");
	task("A", "1", 10, -1000, "p", NULL, NULL);   /* no deletion time: runs for ever */
	task("B", "1", 10, 5, "p", "A", NULL);
	task("C", "1", 20, 50, NULL, NULL, NULL);
	struct simulation s;
	replay_with(&s, NULL, "BestFitScore", 42);
	cr_assert_eq(outcome_of(&s, "B")->arrival, TIME_NONE);
	cr_assert_eq(outcome_of(&s, "C")->end, 70);
	cr_assert_eq(s.run.result.makespan, 60);
	simulation_release(&s);
}

/* Adds labels to the last pod task() wrote. */
static void label_last(const char *labels)
{
	char *last = trace.pods, *at;
	while ((at = strstr(last + 1, "kind: Pod")))
		last = at;
	char *annos = strstr(last, "  annotations:\n");
	cr_assert(annos);
	char rest[8192];
	snprintf(rest, sizeof rest, "%s", annos);
	snprintf(annos, sizeof trace.pods - (size_t)(annos - trace.pods), "  labels:\n%s%s", labels, rest);
}

/* A gang whose members wait for a pipeline predecessor: G1 and G2 (group g, quorum 2, 2 cores
 * each on a 4-core node) wait for A, which runs 0..30.  Released at 30, both count as arrived
 * members and start together then.  Before, released pods were not counted, and the group
 * waited for ever "because its min-available 2 pods never fit together". */
Test(pipelines, a_gang_released_by_its_predecessor_starts)
{
	cpu_node("n1", "4");
	task("A", "1", 0, 30, "p", NULL, NULL);
	task("G1", "2", 0, 10, "p", "A", NULL);
	label_last("    job-name: g\n");
	task("G2", "2", 0, 10, "p", "A", NULL);
	label_last("    job-name: g\n");
	hand_write(&trace, dir, "");
	write_sched_with(dir, "      permit:\n        enabled:\n          - name: Coscheduling\n", "");
	struct simulation s;
	struct error err;
	cr_assert_eq(run_dir(dir, MODE_REPLAY, 42, &s, &err), 0, "%s", err.msg);
	cr_assert_eq(outcome_of(&s, "G1")->start, 30);
	cr_assert_eq(outcome_of(&s, "G2")->start, 30);
	cr_assert_eq(outcome_of(&s, "G2")->end, 40);
	simulation_release(&s);
}

/* PipelineExclusive holds for preemption too.  n1 runs L (pipeline q, priority 0, 0..100); H
 * (pipeline p, priority 10) arrives at 10.  n1 has the CPUs, but the filter keeps p off a node
 * running q, so H fits no node and preempts: with L gone H passes the filter, and with L put
 * back it does not, so L is the victim.  L waits (the filter keeps it off n1 while H runs) and
 * runs again at 20, to 120.  Before, preemption tested resources alone: L stayed, no one was
 * evicted, and H ran beside L. */
Test(pipelines, preemption_passes_the_exclusive_filter)
{
	cpu_node("n1", "4");
	task("L", "1", 0, 100, "q", NULL, NULL);
	task("H", "1", 10, 10, "p", NULL, NULL);
	strcat(trace.pods, "  priority: 10\n");   /* H's spec, the last written */
	hand_write(&trace, dir, "");
	write_sched_with(dir,
			 "      filter:\n        enabled:\n          - name: PipelineExclusive\n"
			 "      postFilter:\n        enabled:\n          - name: DefaultPreemption\n",
			 "");
	struct simulation s;
	struct error err;
	cr_assert_eq(run_dir(dir, MODE_REPLAY, 42, &s, &err), 0, "%s", err.msg);
	const struct pod_outcome *l = outcome_of(&s, "L"), *hp = outcome_of(&s, "H");
	cr_assert_eq(hp->start, 10, "H preempts L at 10");
	cr_assert_eq(l->preemptions, 1, "L was evicted, so H never ran beside it");
	cr_assert_eq(l->end, 120, "L runs again once H has left at 20, not beside it");
	simulation_release(&s);
}

/* And for the MLOps rule.  n1 (4 cores) runs A (1 core, score 11) and B (3 cores, 31) of
 * pipeline q, both LOW, 0..100; H (HIGH, pipeline p, 2 cores) arrives at 10.  Largest first: B
 * goes, and the cores would fit H, but A of q still holds the node, so A goes too; H starts at
 * 10.  A and B wait for H to leave at 20 and run again to 120.  Before, B alone was evicted
 * (in vain: the filter still kept H off) and H waited for A to end at 100. */
Test(pipelines, the_mlops_rule_passes_the_exclusive_filter)
{
	cpu_node("n1", "4");
	task("A", "1", 0, 100, "q", NULL, NULL);
	task("B", "3", 0, 100, "q", NULL, NULL);
	task("H", "2", 10, 10, "p", NULL, NULL);
	strcat(trace.pods, "  priority: 5\n");   /* H's spec, the last written */
	hand_write(&trace, dir, "");
	write_sched_with(dir,
			 "      queueSort:\n        enabled:\n          - name: MLOpsQueue\n"
			 "      filter:\n        enabled:\n          - name: PipelineExclusive\n",
			 "");
	struct simulation s;
	struct error err;
	cr_assert_eq(run_dir(dir, MODE_REPLAY, 42, &s, &err), 0, "%s", err.msg);
	cr_assert_eq(outcome_of(&s, "H")->start, 10);
	cr_assert_eq(outcome_of(&s, "A")->preemptions, 1);
	cr_assert_eq(outcome_of(&s, "B")->preemptions, 1);
	cr_assert_eq(outcome_of(&s, "A")->end, 120);
	cr_assert_eq(outcome_of(&s, "B")->end, 120);
	simulation_release(&s);
}
