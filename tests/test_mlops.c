/* MLOpsQueue (policies/postfilter/mlops_eviction.c) in replay, on timelines worked out by hand: its queue order, its
 * largest-first evictions, and its config errors. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "tests/support.h"

SCRATCH_SUITE(mlops, scratch_make);

static struct hand_trace trace;

static const char mlops_queue[] = "      queueSort:\n        enabled:\n          - name: MLOpsQueue\n";
static const char high[] = "  priority: 5\n", low[] = "  priority: 0\n";

/* Replays the hand trace under MLOpsQueue, with these pluginConfig lines (or ""). */
static void replay(struct simulation *s, const char *profile)
{
	hand_write(&trace, dir, "");
	write_sched_with(dir, mlops_queue, profile);
	struct error err;
	cr_assert_eq(run_dir(dir, MODE_REPLAY, 42, s, &err), 0, "%s", err.msg);
}

/* n1 has one GPU, which X (HIGH) holds from 0 to 100.  Then come, one GPU and 1Gi each: Lb (LOW,
 * 4 CPUs: score 100 + 40 + 1 = 141) at 10, Ls (LOW, 1 CPU: 111) at 15, Hs (HIGH, 1 CPU: 111) at
 * 20.  Hs finds no LOW pod to evict (its one attempt); LOW pods never try.  The queue is Hs (HIGH
 * first), Lb (the larger score), Ls: they start at 100, 200 and 300. */
Test(mlops, high_first_then_the_larger_score)
{
	hand_node(&trace, "n1", 1, "");
	hand_pod(&trace, "X", "1", 1, 0, 100, "", high);
	hand_pod(&trace, "Lb", "4", 1, 10, 100, "", low);
	hand_pod(&trace, "Ls", "1", 1, 15, 100, "", low);
	hand_pod(&trace, "Hs", "1", 1, 20, 100, "", high);
	struct simulation s;
	replay(&s, "");
	cr_assert_eq(outcome_of(&s, "Hs")->start, 100);
	cr_assert_eq(outcome_of(&s, "Lb")->start, 200);
	cr_assert_eq(outcome_of(&s, "Ls")->start, 300);
	cr_assert_eq(s.run.result.preemption.attempts, 1);
	cr_assert_eq(s.run.result.preemption.victims, 0);
	simulation_release(&s);
}

/* nx and ny have 2 GPUs each.  From 0, LOW pods of one GPU run 1000 s: c (4 CPUs, score 141) and
 * a (1 CPU, 111) on nx, d (3 CPUs, 131) and b (2 CPUs, 121) on ny, pinned by nodeSelector.  H
 * (HIGH, 2 GPUs) arrives at 50.  Largest first: c (nx has 1 GPU free), d (ny 1), b (ny 2: H
 * fits).  Three victims where two would do: the rule as the MLOps system states it.  H takes ny.
 * The victims come back at once: c finds nx's free GPU (50 to 1050); d and b wait for H to leave
 * at 150, d first (the larger score), and both start then. */
Test(mlops, high_evicts_low_largest_first_until_it_fits)
{
	static const char on_x[] = "  nodeSelector:\n    zone: x\n", on_y[] = "  nodeSelector:\n    zone: y\n";
	char low_x[64], low_y[64];
	snprintf(low_x, sizeof low_x, "%s%s", low, on_x);
	snprintf(low_y, sizeof low_y, "%s%s", low, on_y);
	hand_node(&trace, "nx", 2, "    zone: x\n");
	hand_node(&trace, "ny", 2, "    zone: y\n");
	hand_pod(&trace, "c", "4", 1, 0, 1000, "", low_x);
	hand_pod(&trace, "a", "1", 1, 0, 1000, "", low_x);
	hand_pod(&trace, "d", "3", 1, 0, 1000, "", low_y);
	hand_pod(&trace, "b", "2", 1, 0, 1000, "", low_y);
	hand_pod(&trace, "H", "1", 2, 50, 100, "", high);
	struct simulation s;
	replay(&s, "");
	cr_assert_str_eq(placed_on(&s, "H"), "ny");
	cr_assert_eq(outcome_of(&s, "H")->start, 50);
	cr_assert_eq(s.run.result.preemption.victims, 3);
	cr_assert_eq(outcome_of(&s, "a")->preemptions, 0);
	cr_assert_eq(outcome_of(&s, "c")->preemptions, 1);
	cr_assert_eq(outcome_of(&s, "c")->end, 1050);
	cr_assert_eq(outcome_of(&s, "d")->start, 0, "start is the first start");
	cr_assert_eq(outcome_of(&s, "d")->end, 1150);
	cr_assert_eq(outcome_of(&s, "b")->end, 1150);
	cr_assert_float_eq(s.run.result.preemption.lost_gpu_seconds, 150, 1e-9, "3 victims × 1 GPU × 50 s");
	simulation_release(&s);
}

/* With highPriority 10, priority 5 is LOW: H waits instead of evicting. */
Test(mlops, high_priority_sets_the_line)
{
	hand_node(&trace, "n1", 1, "");
	hand_pod(&trace, "L", "1", 1, 0, 100, "", low);
	hand_pod(&trace, "H", "1", 1, 10, 100, "", high);
	struct simulation s;
	replay(&s, "    pluginConfig:\n      - name: MLOpsQueue\n        args:\n          highPriority: 10\n");
	cr_assert_eq(outcome_of(&s, "H")->start, 100);
	cr_assert_eq(s.run.result.preemption.attempts, 0);
	simulation_release(&s);
}

Test(mlops, config_errors_say_where)
{
	static const struct {
		const char *plugins, *profile, *message;
	} bad[] = {
		{"      queueSort:\n        enabled:\n          - name: MLOpsQueue\n      postFilter:\n        enabled:\n"
		 "          - name: DefaultPreemption\n",
		 "", "sched.yaml:10:9: plugins.postFilter: MLOpsQueue preempts by its own rule; DefaultPreemption cannot be enabled beside it"},
		{mlops_queue, "    pluginConfig:\n      - name: MLOpsQueue\n        args:\n          highPriorty: 10\n",
		 "sched.yaml:15:11: unknown field \"highPriorty\" in the args of MLOpsQueue (did you mean \"highPriority\"?)"},
		{mlops_queue, "    pluginConfig:\n      - name: MLOpsQueue\n        args:\n          highPriority: high\n",
		 "sched.yaml:15:25: MLOpsQueue: highPriority: expected a whole number from -2147483648 to 2147483647"},
		{"      queueSort:\n        enabled:\n          - name: MLOpsQueu\n", "",
		 "unknown plugin \"MLOpsQueu\" in plugins.queueSort.enabled (did you mean \"MLOpsQueue\"?)"},
	};
	hand_node(&trace, "n1", 1, "");
	hand_pod(&trace, "L", "1", 1, 0, 100, "", low);
	hand_write(&trace, dir, "");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		write_sched_with(dir, bad[i].plugins, bad[i].profile);
		char *err = apply_dir_fails(dir, "-m replay");
		cr_assert(strstr(err, bad[i].message), "case %zu: %s", i, err);
		free(err);
	}
}
