/* DefaultPreemption in replay, on timelines worked out by hand from Kubernetes' rules
 * (policies/postfilter/default_preemption.c): the minimal victim set, each rule that chooses the node, pods that may
 * not preempt, and what a victim loses and how it comes back. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "tests/support.h"

SCRATCH_SUITE(preemption, scratch_make);

static struct hand_trace trace;

static void node(const char *name, int gpus)
{
	hand_node(&trace, name, gpus, "");
}

/* A pod of `gpus` whole GPUs, arriving at `at` and running `run` seconds, with these spec lines. */
static void pod(const char *name, int gpus, long at, long run, const char *spec)
{
	hand_pod(&trace, name, "1", gpus, at, run, "", spec);
}

static const char prio1[] = "  priority: 1\n", prio2[] = "  priority: 2\n", prio3[] = "  priority: 3\n",
		  prio5[] = "  priority: 5\n", prio10[] = "  priority: 10\n";

static const char *preemption_args = "";   /* DefaultPreemption's pluginConfig lines, if any */

/* Writes what node() and pod() made, with PrioritySort and (when preempt) DefaultPreemption. */
static void write_files(bool preempt)
{
	hand_write(&trace, dir, "");
	write_text(dir, "cluster/classes.yaml", "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n"
						"  name: polite\nvalue: 10\npreemptionPolicy: Never\n");
	write_sched_with(dir,
			 preempt ? "      queueSort:\n        enabled:\n          - name: PrioritySort\n"
				   "      postFilter:\n        enabled:\n          - name: DefaultPreemption\n"
				 : "      queueSort:\n        enabled:\n          - name: PrioritySort\n",
			 preemption_args);
}

static void replay_seed(struct simulation *s, bool preempt, uint64_t seed)
{
	write_files(preempt);
	struct error err;
	cr_assert_eq(run_dir(dir, MODE_REPLAY, seed, s, &err), 0, "%s", err.msg);
}

static void replay(struct simulation *s, bool preempt)
{
	replay_seed(s, preempt, 42);
	preemption_args = "";
}

/* n1 has 2 GPUs: L1 (priority 1) from 0 and L2 (priority 5) from 10, each one GPU for 1000 s.
 * H (priority 10, one GPU) arrives at 50.  With both low pods gone H fits; L2, the more
 * important, is put back and H still fits; L1 put back leaves no GPU: L1 alone is the victim.
 * H runs 50–150; L1 waits, and runs again from the start when H leaves: 150–1150.  L1 had run
 * 50 s on one GPU: 50 GPU-seconds lost. */
Test(preemption, the_victims_are_a_minimal_set)
{
	node("n1", 2);
	pod("L1", 1, 0, 1000, prio1);
	pod("L2", 1, 10, 1000, prio5);
	pod("H", 1, 50, 100, prio10);
	struct simulation s;
	replay(&s, true);
	cr_assert_eq(outcome_of(&s, "H")->start, 50);
	cr_assert_eq(outcome_of(&s, "H")->end, 150);
	cr_assert_eq(outcome_of(&s, "L2")->preemptions, 0, "the higher of the two low pods is spared");
	cr_assert_eq(outcome_of(&s, "L2")->end, 1010);
	cr_assert_eq(outcome_of(&s, "L1")->preemptions, 1);
	cr_assert_eq(outcome_of(&s, "L1")->start, 0, "start is the first start");
	cr_assert_eq(outcome_of(&s, "L1")->end, 1150, "restarted at 150 for its whole 1000 s");
	const struct preemption_stats *st = &s.run.result.preemption;
	cr_assert_eq(st->attempts, 2, "H's cycle, and L1's at once when evicted (it finds nothing lower to evict)");
	cr_assert_eq(st->victims, 1);
	cr_assert_float_eq(st->lost_gpu_seconds, 50, 1e-9);
	simulation_release(&s);
}

/* Without DefaultPreemption H waits for a GPU: L1 leaves at 1000. */
Test(preemption, nothing_is_preempted_without_the_plugin)
{
	node("n1", 2);
	pod("L1", 1, 0, 1000, prio1);
	pod("L2", 1, 10, 1000, prio5);
	pod("H", 1, 50, 100, prio10);
	struct simulation s;
	replay(&s, false);
	cr_assert_eq(outcome_of(&s, "H")->start, 1000);
	cr_assert_eq(s.run.result.preemption.attempts, 0);
	simulation_release(&s);
}

/* One GPU each: A (priority 5) on n1, B (priority 3) on n2.  The lowest highest-victim
 * priority chooses n2. */
Test(preemption, the_lowest_highest_victim_priority_wins)
{
	node("n1", 1);
	node("n2", 1);
	pod("A", 1, 0, 1000, prio5);
	pod("B", 1, 0, 1000, prio3);
	pod("H", 1, 50, 100, prio10);
	struct simulation s;
	replay(&s, true);
	cr_assert_str_eq(placed_on(&s, "H"), "n2");
	cr_assert_eq(outcome_of(&s, "B")->preemptions, 1);
	cr_assert_eq(outcome_of(&s, "A")->preemptions, 0);
	simulation_release(&s);
}

/* Two GPUs each; H asks for both.  n1 runs C1, C2 (priority 2 each), n2 runs D1 (2) and D2 (1):
 * the highest victims tie at 2, and n2's priorities sum lower. */
Test(preemption, then_the_smallest_sum_of_priorities)
{
	node("n1", 2);
	node("n2", 2);
	pod("C1", 1, 0, 1000, prio2);
	pod("C2", 1, 0, 1000, prio2);
	pod("D1", 1, 0, 1000, prio2);
	pod("D2", 1, 0, 1000, prio1);
	pod("H", 2, 50, 100, prio10);
	struct simulation s;
	replay(&s, true);
	cr_assert_str_eq(placed_on(&s, "H"), "n2");
	cr_assert_eq(outcome_of(&s, "D1")->preemptions + outcome_of(&s, "D2")->preemptions, 2);
	cr_assert_eq(s.run.result.preemption.victims, 2);
	simulation_release(&s);
}

/* One GPU each: E (priority 1) started at 0 on one node, F (priority 1) at 20 on the other.  Every
 * earlier rule ties; the latest start among the highest-priority victims chooses F's node. */
Test(preemption, then_the_latest_started_victims)
{
	node("n1", 1);
	node("n2", 1);
	pod("E", 1, 0, 1000, prio1);
	pod("F", 1, 20, 1000, prio1);
	pod("H", 1, 50, 100, prio10);
	struct simulation s;
	replay(&s, true);
	cr_assert_eq(outcome_of(&s, "F")->preemptions, 1);
	cr_assert_eq(outcome_of(&s, "E")->preemptions, 0);
	/* F comes back when H leaves, on the one node then free: the node H took from it. */
	cr_assert_eq(outcome_of(&s, "F")->end, 150 + 1000);
	cr_assert_str_eq(placed_on(&s, "H"), placed_on(&s, "F"));
	simulation_release(&s);
}

/* preemptionPolicy: Never (PriorityClass polite, value 10): H waits for L1 to leave. */
Test(preemption, a_pod_that_may_not_preempt_waits)
{
	node("n1", 1);
	pod("L1", 1, 0, 1000, prio1);
	pod("H", 1, 50, 100, "  priorityClassName: polite\n");
	struct simulation s;
	replay(&s, true);
	cr_assert_eq(outcome_of(&s, "H")->start, 1000);
	cr_assert_eq(s.run.result.preemption.attempts, 0);
	simulation_release(&s);
}

/* Equal priority is no reason to preempt: the attempt finds no victim. */
Test(preemption, only_lower_priorities_are_victims)
{
	node("n1", 1);
	pod("L1", 1, 0, 1000, prio5);
	pod("H", 1, 50, 100, prio5);
	struct simulation s;
	replay(&s, true);
	cr_assert_eq(outcome_of(&s, "H")->start, 1000);
	cr_assert_eq(s.run.result.preemption.attempts, 1);
	cr_assert_eq(s.run.result.preemption.victims, 0);
	simulation_release(&s);
}

/* With victimsResume, L1 (evicted at 50, after 50 of its 1000 s) runs its 950 s left from 150:
 * to 1100, and no work is lost. */
Test(preemption, a_victim_may_resume)
{
	node("n1", 2);
	pod("L1", 1, 0, 1000, prio1);
	pod("L2", 1, 10, 1000, prio5);
	pod("H", 1, 50, 100, prio10);
	preemption_args = "    pluginConfig:\n      - name: DefaultPreemption\n        args:\n          victimsResume: true\n";
	struct simulation s;
	replay(&s, true);
	cr_assert_eq(outcome_of(&s, "L1")->preemptions, 1);
	cr_assert_eq(outcome_of(&s, "L1")->end, 1100);
	cr_assert_float_eq(s.run.result.preemption.lost_gpu_seconds, 0, 0);
	simulation_release(&s);
}

/* With minCandidateNodesAbsolute 1 (and no percentage) the first candidate found from the seeded
 * offset is taken: over seeds, H sometimes evicts A (priority 5) on n1, which the full rule never
 * would (it takes B, priority 3, on n2).  An evicted A is scheduled again at once, as a new pod,
 * and evicts B in turn; an evicted B finds nothing lower. */
Test(preemption, the_candidates_are_limited_as_asked)
{
	int took_a = 0, took_b = 0;
	for (uint64_t seed = 1; seed <= 12; seed++) {
		node("n1", 1);
		node("n2", 1);
		pod("A", 1, 0, 1000, prio5);
		pod("B", 1, 0, 1000, prio3);
		pod("H", 1, 50, 100, prio10);
		preemption_args = "    pluginConfig:\n      - name: DefaultPreemption\n        args:\n"
				  "          minCandidateNodesPercentage: 0\n          minCandidateNodesAbsolute: 1\n";
		struct simulation s;
		replay_seed(&s, true, seed);
		took_a += outcome_of(&s, "A")->preemptions;
		took_b += outcome_of(&s, "B")->preemptions;
		cr_assert_eq(s.run.result.preemption.victims, 1 + outcome_of(&s, "A")->preemptions);
		cr_assert_eq(outcome_of(&s, "B")->preemptions, 1);
		simulation_release(&s);
	}
	preemption_args = "";
	cr_assert(took_a > 0 && took_b > 0, "A taken %d times, B %d", took_a, took_b);
}

Test(preemption, bad_args_are_errors_at_their_place)
{
	static const struct {
		const char *args, *message;
	} bad[] = {
		{"          minCandidateNodesPercentage: 200\n",
		 "sched.yaml:18:40: DefaultPreemption: minCandidateNodesPercentage: expected a whole number from 0 to 100"},
		{"          victimsResume: maybe\n", "sched.yaml:18:26: DefaultPreemption: victimsResume: expected true or false"},
		{"          minCandidateNodesPercentage: 0\n          minCandidateNodesAbsolute: 0\n", "cannot both be 0"},
		{"          victimResume: true\n", "did you mean \"victimsResume\""},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		node("n1", 1);
		pod("A", 1, 0, 10, prio5);
		char args[512];
		snprintf(args, sizeof args, "    pluginConfig:\n      - name: DefaultPreemption\n        args:\n%s", bad[i].args);
		preemption_args = args;
		write_files(true);
		preemption_args = "";
		char cmd[2048], *err = NULL;
		snprintf(cmd, sizeof cmd, "validate -f %s/cluster.yaml -s %s/sched.yaml", dir, dir);
		cr_assert_eq(run_simon(cmd, &err), 1, "case %zu", i);
		cr_assert(strstr(err, bad[i].message), "case %zu: %s", i, err);
		free(err);
	}
}

/* A pod's own spec.preemptionPolicy: Never (with no class to decide it, as a kubectl export
 * writes it) is read: H waits for L1 to leave rather than preempt.  Before, only a class's
 * policy was read and H evicted L1 at 50. */
Test(preemption, a_pods_own_never_policy_is_read)
{
	node("n1", 1);
	pod("L1", 1, 0, 1000, prio1);
	pod("H", 1, 50, 100, "  priority: 10\n  preemptionPolicy: Never\n");
	struct simulation s;
	replay(&s, true);
	cr_assert_eq(outcome_of(&s, "H")->start, 1000);
	cr_assert_eq(outcome_of(&s, "L1")->preemptions, 0);
	simulation_release(&s);
}
