/* simon compare: the matrix and gate language, failing runs and gates, shards and merges. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/compare/results.h"
#include "tests/support.h"

SCRATCH_SUITE(compare, scratch_make);

/* A matrix over the shipped example, with these extra lines. */
static void write_matrix(const char *name, const char *extra)
{
	char text[4096];
	snprintf(text, sizeof text,
		 "kind: Matrix\ntraces:\n  - %s/data/example/cluster-config.yaml\npolicies:\n"
		 "  - %s/data/schedulers/fgd.yaml\n  - BestFitScore\n  - RandomScore\nseeds: 42-44\n"
		 "tune_ratios: [1.3]\n%s",
		 SIMON_SOURCE_DIR, SIMON_SOURCE_DIR, extra);
	write_text(dir, name, text);
}

static const char *load_error(const char *extra)
{
	static struct error err;
	write_matrix("m.yaml", extra);
	char path[1024];
	snprintf(path, sizeof path, "%s/m.yaml", dir);
	struct matrix m;
	memset(&err, 0, sizeof err);
	int rc = matrix_load(&m, path, &err);
	if (!rc)
		matrix_release(&m);
	return rc ? err.msg : NULL;
}

Test(compare, matrix_loads)
{
	write_matrix("m.yaml", "gates:\n  - fgd.alloc_at_100 >= BestFitScore.alloc_at_100 - 5\n");
	char path[1024];
	snprintf(path, sizeof path, "%s/m.yaml", dir);
	struct matrix m;
	struct error err = {{0}};
	cr_assert_eq(matrix_load(&m, path, &err), 0, "%s", err.msg);
	cr_assert_eq(m.n_traces, 1);
	cr_assert_str_eq(m.traces[0].name, "cluster-config");
	cr_assert_eq(m.n_policies, 3);
	cr_assert_str_eq(m.policies[0].name, "fgd");
	cr_assert_str_eq(m.policies[1].policy, "BestFitScore");
	cr_assert_eq(m.n_seeds, 3);
	cr_assert_eq(m.seeds[2], 44);
	cr_assert_eq(matrix_runs(&m), 9);
	size_t t, p, u, s;
	matrix_coords(&m, 5, &t, &p, &u, &s);
	cr_assert(t == 0 && p == 1 && u == 0 && s == 2);
	cr_assert_eq(m.gates[0].rhs_policy, 1);
	cr_assert_float_eq(m.gates[0].number, -5, 1e-12);
	matrix_release(&m);
}

Test(compare, matrix_errors_name_the_line)
{
	cr_assert_not_null(strstr(load_error("gates:\n  - fgd.speed >= 3\n"), "m.yaml:11:5: gates: 'speed': unknown metric"));
	cr_assert_not_null(strstr(load_error("gates:\n  - nobody.failed <= 3\n"), "'nobody': not a policy of this matrix"));
	cr_assert_not_null(strstr(load_error("gates:\n  - fgd.failed == 3\n"), "expected 'policy.metric OP value'"));
	cr_assert_not_null(strstr(load_error("gates:\n  - fgd.failed within 3 of baseline\n"), "names no baseline"));
	cr_assert_not_null(strstr(load_error("gates:\n  - fgd.failed >= BestFitScore.scheduled\n"), "same metric"));
	cr_assert_not_null(strstr(load_error("mode: sideways\n"), "mode: expected inflation or replay"));
	cr_assert_not_null(strstr(load_error("baseline: nowhere.json\n"), "baseline: 'nowhere.json' not found"));
}

Test(compare, matrix_structure_errors)
{
	write_text(dir, "m.yaml", "kind: Matrix\ntraces: []\npolicies: [RandomScore]\nseeds: [1]\n");
	char path[1024];
	snprintf(path, sizeof path, "%s/m.yaml", dir);
	struct matrix m;
	struct error err = {{0}};
	cr_assert_neq(matrix_load(&m, path, &err), 0);
	cr_assert_not_null(strstr(err.msg, "m.yaml:2:9: traces: expected a non-empty list"), "%s", err.msg);
	write_text(dir, "m.yaml", "kind: Matrix\ntraces: [x]\npolicies: [RandomScore]\nseeds: [1]\n");
	cr_assert_neq(matrix_load(&m, path, &err), 0);
	cr_assert_not_null(strstr(err.msg, "traces: 'x' not found"), "%s", err.msg);
	write_text(dir, "m.yaml", "kind: Pod\n");
	cr_assert_neq(matrix_load(&m, path, &err), 0);
	cr_assert_not_null(strstr(err.msg, "kind: expected Matrix"), "%s", err.msg);
	write_matrix("m.yaml", "");
	char text[4096];
	snprintf(text, sizeof text, "kind: Matrix\ntraces: [%s/data/example]\npolicies: [RandomScore, RandomScore]\n"
		 "seeds: [1]\n", SIMON_SOURCE_DIR);
	write_text(dir, "m.yaml", text);
	cr_assert_neq(matrix_load(&m, path, &err), 0);
	cr_assert_not_null(strstr(err.msg, "two policies share a name"), "%s", err.msg);
	write_text(dir, "m.yaml", "kind: Matrix\ntraces: [m.yaml]\npolicies: [RandomScore]\nseeds: [-1]\n");
	cr_assert_neq(matrix_load(&m, path, &err), 0);
	cr_assert_not_null(strstr(err.msg, "seeds: expected a whole number from 0 to 18446744073709551615"), "%s",
			   err.msg);
}

Test(compare, gate_forms)
{
	struct matrix_policy p[2] = {{.name = "a"}, {.name = "b.c"}};
	struct matrix m = {.mode = MODE_REPLAY, .policies = p, .n_policies = 2, .priorities = {1000, 0}, .n_priorities = 2};
	struct gate g;
	struct error err;
	cr_assert_eq(gate_parse(&g, "a.failed < 3", &m, &err), 0);
	cr_assert(g.op == GATE_LT && g.rhs_policy == -1 && g.number == 3 && g.metric == M_FAILED);
	cr_assert_eq(gate_parse(&g, "a.p95_wait@0 <= b.c.p95_wait@0 + 5", &m, &err), 0, "%s", err.msg);
	cr_assert(g.metric == N_METRICS + 3 && g.rhs_policy == 1 && g.number == 5);
	cr_assert_eq(gate_parse(&g, "a.lost_gpu_seconds <= 3600", &m, &err), 0, "%s", err.msg);
	cr_assert_eq(g.metric, M_LOST_GPU_SECONDS);
	cr_assert_neq(gate_parse(&g, "a.mean_wait@500 <= 10", &m, &err), 0, "500 is not a listed priority");
	cr_assert_not_null(strstr(err.msg, "'mean_wait@500': unknown metric"), "%s", err.msg);
	cr_assert_eq(gate_parse(&g, "b.c.gpu_alloc >= a.gpu_alloc + 0.5", &m, &err), 0, "%s", err.msg);
	cr_assert(g.policy == 1 && g.rhs_policy == 0 && g.number == 0.5);
	cr_assert_eq(gate_parse(&g, "a.mean_wait within 60 of b.c.mean_wait", &m, &err), 0, "%s", err.msg);
	cr_assert(g.op == GATE_WITHIN && g.rhs_policy == 1 && g.number == 60 && !g.against_baseline);
	cr_assert_eq(gate_parse(&g, "a.gpu_alloc within 0.5 of baseline", &m, &err), 0);
	cr_assert(g.against_baseline);
	cr_assert_neq(gate_parse(&g, "a.gpu_alloc within -1 of baseline", &m, &err), 0);
	cr_assert_neq(gate_parse(&g, "a.gpu_alloc >= a.gpu_alloc * 2", &m, &err), 0);
}

static int simon_compare(const char *args, char **err_text)
{
	char cmd[8192];
	cr_assert_lt(snprintf(cmd, sizeof cmd, "compare %s", args), (int)sizeof cmd);
	return run_simon(cmd, err_text);
}

Test(compare, failing_gate_exits_1_and_says_which)
{
	write_matrix("m.yaml", "gates:\n  - RandomScore.gpu_alloc >= 100\n  - fgd.pods >= 1\n");
	char args[2048], *out = NULL;
	snprintf(args, sizeof args, "&& ('%s' compare %s/m.yaml -o %s/out2 >%s/table 2>&1)", SIMON_BIN, dir, dir, dir);
	cr_assert_eq(run_simon(args, NULL), 1);
	char path[1024];
	snprintf(path, sizeof path, "%s/table", dir);
	out = slurp(path);
	cr_assert_not_null(strstr(out, "FAIL   RandomScore.gpu_alloc >= 100"), "%s", out);
	cr_assert_not_null(strstr(out, "pass   fgd.pods >= 1"), "%s", out);
	cr_assert_not_null(strstr(out, "1 of 2 gates failed"), "%s", out);
	free(out);
	snprintf(path, sizeof path, "%s/out2/results.json", dir);
	char *json = slurp(path);
	cr_assert_not_null(strstr(json, "\"passed\":false"), "gate results missing from results.json");
	free(json);
}

/* One policy's runs fail (its GPU selection names a plugin it does not enable); the rest complete. */
Test(compare, a_failed_run_does_not_lose_the_others)
{
	write_text(dir, "broken.yaml",
		   "kind: KubeSchedulerConfiguration\nprofiles:\n  - plugins:\n      score:\n        enabled:\n"
		   "          - name: BestFitScore\n    pluginConfig:\n      - name: Open-Gpu-Share\n        args:\n"
		   "          gpuSelMethod: FGDScore\n");
	char text[2048];
	snprintf(text, sizeof text, "kind: Matrix\ntraces: [%s/data/example/cluster-config.yaml]\n"
		 "policies: [broken.yaml, RandomScore]\nseeds: [1, 2]\n", SIMON_SOURCE_DIR);
	write_text(dir, "m.yaml", text);
	char args[2048], *err = NULL;
	snprintf(args, sizeof args, "%s/m.yaml -o %s/out -q", dir, dir);
	cr_assert_eq(simon_compare(args, &err), 1);
	cr_assert_not_null(strstr(err, "run 0 failed: gpuSelMethod 'FGDScore'"), "%s", err);
	free(err);
	char path[1024];
	snprintf(path, sizeof path, "%s/out/results.csv", dir);
	char *csv = slurp(path);
	cr_assert_not_null(csv);
	cr_assert_not_null(strstr(csv, ",broken,1,,inflation,false,"), "%s", csv);
	cr_assert_not_null(strstr(csv, ",RandomScore,2,,inflation,true,"), "%s", csv);
	free(csv);
}

/* A file of an output folder, less its provenance. */
static char *file_in(const char *sub, const char *name)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s/%s", dir, sub, name);
	return slurp_results(path);
}

Test(compare, shards_merge_into_the_unsharded_result)
{
	write_matrix("m.yaml", "gates:\n  - fgd.alloc_at_100 >= RandomScore.alloc_at_100 - 50\n");
	char args[4096];
	snprintf(args, sizeof args, "%s/m.yaml -q -j 1 -o %s/whole", dir, dir);
	cr_assert_eq(simon_compare(args, NULL), 0);
	for (int i = 1; i <= 4; i++) {
		snprintf(args, sizeof args, "%s/m.yaml -q -j 2 --shard %d/4 -o %s/shard%d", dir, i, dir, i);
		cr_assert_eq(simon_compare(args, NULL), 0, "shard %d", i);
	}
	snprintf(args, sizeof args, "--merge -q -o %s/merged %s/shard3 %s/shard1 %s/shard4 %s/shard2", dir, dir, dir, dir,
		 dir);
	cr_assert_eq(simon_compare(args, NULL), 0);
	const char *files[] = {"results.json", "results.csv", "summary.csv", "report.html", "alloc-cluster-config.svg"};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char *a = file_in("whole", files[i]), *b = file_in("merged", files[i]);
		cr_assert(a && b, "%s missing", files[i]);
		cr_assert(strcmp(a, b) == 0, "%s differs between the merged shards and the whole run", files[i]);
		free(a);
		free(b);
	}
	char *shard = file_in("shard2", "results.json");
	cr_assert_not_null(strstr(shard, "\"shard\":\"2/4\""));
	free(shard);
	/* A missing shard, or a shard of another matrix, is an error. */
	char *err = NULL;
	snprintf(args, sizeof args, "--merge -q -o %s/bad %s/shard1 %s/shard2", dir, dir, dir);
	cr_assert_eq(simon_compare(args, &err), 1);
	cr_assert_not_null(strstr(err, "the shards miss run"), "%s", err);
	free(err);
	snprintf(args, sizeof args, "--merge -q -o %s/bad %s/shard1 %s/shard1", dir, dir, dir);
	cr_assert_eq(simon_compare(args, &err), 1);
	cr_assert_not_null(strstr(err, "appears in more than one shard"), "%s", err);
	free(err);
}

Test(compare, threads_do_not_change_results)
{
	write_matrix("m.yaml", "");
	char args[2048];
	snprintf(args, sizeof args, "%s/m.yaml -q -j 1 -o %s/one", dir, dir);
	cr_assert_eq(simon_compare(args, NULL), 0);
	snprintf(args, sizeof args, "%s/m.yaml -q -j 3 -o %s/three", dir, dir);
	cr_assert_eq(simon_compare(args, NULL), 0);
	char *a = file_in("one", "results.json"), *b = file_in("three", "results.json");
	cr_assert_str_eq(a, b);
	free(a);
	free(b);
}

Test(compare, baseline_gate)
{
	write_matrix("m.yaml", "");
	char args[2048];
	snprintf(args, sizeof args, "%s/m.yaml -q -o %s/base", dir, dir);
	cr_assert_eq(simon_compare(args, NULL), 0);
	char extra[1024];
	snprintf(extra, sizeof extra, "baseline: %s/base/results.json\ngates:\n  - fgd.alloc_at_100 within 0.001 of baseline\n",
		 dir);
	write_matrix("m2.yaml", extra);
	snprintf(args, sizeof args, "%s/m2.yaml -q -o %s/again", dir, dir);
	cr_assert_eq(simon_compare(args, NULL), 0, "the same runs must sit within 0.001 of themselves");
}

Test(compare, replay_matrix_draws_time_charts)
{
	char text[2048];
	snprintf(text, sizeof text, "kind: Matrix\nmode: replay\ntraces: [%s/data/example/cluster-config.yaml]\n"
		 "policies: [BestFitScore, RandomScore]\nseeds: [1]\ngates:\n  - BestFitScore.mean_wait <= 100000\n",
		 SIMON_SOURCE_DIR);
	write_text(dir, "m.yaml", text);
	char args[2048];
	snprintf(args, sizeof args, "%s/m.yaml -q -o %s/out", dir, dir);
	cr_assert_eq(simon_compare(args, NULL), 0);
	char *html = file_in("out", "report.html");
	cr_assert_not_null(strstr(html, "id=\"chart-util-cluster-config-0\""));
	cr_assert_not_null(strstr(html, "id=\"chart-queue-cluster-config-0\""));
	cr_assert_not_null(strstr(html, "id=\"chart-waits-cluster-config-0\""));
	free(html);
}

/* Two traces whose names make the same file name keep a chart each. */
Test(compare, traces_named_alike_keep_their_charts)
{
	char text[2048];
	snprintf(text, sizeof text,
		 "kind: Matrix\ntraces:\n  - {name: a b, path: %s/data/example/cluster-config.yaml}\n"
		 "  - {name: a_b, path: %s/data/example/cluster-config.yaml}\npolicies: [fgd]\nseeds: [1]\n",
		 SIMON_SOURCE_DIR, SIMON_SOURCE_DIR);
	write_text(dir, "m.yaml", text);
	char args[2048];
	snprintf(args, sizeof args, "%s/m.yaml -q -o %s/out", dir, dir);
	cr_assert_eq(simon_compare(args, NULL), 0);
	char *first = file_in("out", "alloc-a_b.svg"), *second = file_in("out", "alloc-a_b-1.svg");
	cr_assert(first && second, "a chart was lost");
	free(first);
	free(second);
}

/* With -q, a failed gate is still reported, on stderr. */
Test(compare, quiet_still_reports_failed_gates)
{
	write_matrix("m.yaml", "gates:\n  - fgd.alloc_at_100 >= 101\n");
	char args[2048], *err = NULL;
	snprintf(args, sizeof args, "%s/m.yaml -q -o %s/out", dir, dir);
	cr_assert_eq(simon_compare(args, &err), 1);
	cr_assert_not_null(strstr(err, "simon compare: gate failed on cluster-config: fgd.alloc_at_100 >= 101"), "%s", err);
	free(err);
}

/* Keeps the first `lines` lines of a file and half of the next one, as an interruption would. */
static void cut_after(const char *path, int lines)
{
	char *text = slurp(path);
	cr_assert_not_null(text);
	char *p = text;
	for (int i = 0; i < lines; i++) {
		p = strchr(p, '\n');
		cr_assert_not_null(p, "%s has fewer than %d lines", path, lines);
		p++;
	}
	char *end = strchr(p, '\n');
	cr_assert_not_null(end);
	p[(end - p) / 2] = '\0';
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
	free(text);
}

/* An interrupted matrix resumes from its journal and writes what an uninterrupted one writes. */
Test(compare, interrupted_and_resumed_equals_uninterrupted)
{
	write_matrix("m.yaml", "");
	char args[4096], path[1024];
	snprintf(args, sizeof args, "%s/m.yaml -q -j 2 -o %s/whole", dir, dir);
	cr_assert_eq(simon_compare(args, NULL), 0);
	snprintf(path, sizeof path, "%s/whole/.simon-journal", dir);
	cr_assert_null(slurp(path), "the journal outlived a complete run");
	/* Interrupted: all runs journaled, then the write fails (report.html is a folder). */
	write_text(dir, "cut/report.html/x", "");
	snprintf(args, sizeof args, "%s/m.yaml -q -j 2 -o %s/cut", dir, dir);
	cr_assert_eq(simon_compare(args, NULL), 1);
	snprintf(path, sizeof path, "%s/cut/.simon-journal", dir);
	cut_after(path, 1 + 4);   /* the header, four runs, half of a fifth */
	snprintf(path, sizeof path, "%s/cut/report.html/x", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/cut/report.html", dir);
	rmdir(path);
	snprintf(args, sizeof args, "%s/m.yaml -q -j 2 --resume -o %s/cut", dir, dir);
	cr_assert_eq(simon_compare(args, NULL), 0);
	const char *files[] = {"results.json", "results.csv", "summary.csv", "report.html"};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char *a = file_in("whole", files[i]), *b = file_in("cut", files[i]);
		cr_assert(a && b && strcmp(a, b) == 0, "%s differs after a resume", files[i]);
		free(a);
		free(b);
	}
}

/* Resuming keeps the journal's runs instead of running them again (a changed value shows), and
 * refuses a journal of another matrix. */
Test(compare, resume_reuses_the_journal)
{
	write_matrix("m.yaml", "");
	char args[4096], path[1024];
	write_text(dir, "out/report.html/x", "");
	snprintf(args, sizeof args, "%s/m.yaml -q -j 1 -o %s/out", dir, dir);
	cr_assert_eq(simon_compare(args, NULL), 1);
	snprintf(path, sizeof path, "%s/out/.simon-journal", dir);
	char *journal = slurp(path);
	char *at = strstr(journal, "\"pods\":");
	cr_assert_not_null(at);
	memcpy(at, "\"pods\":7", 8);    /* the first run's 125 pods become 725 */
	write_text(dir, "out/.simon-journal", journal);
	free(journal);
	snprintf(path, sizeof path, "%s/out/report.html/x", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/out/report.html", dir);
	rmdir(path);
	write_matrix("other.yaml", "gates:\n  - fgd.pods >= 0\n");
	char *err = NULL;
	snprintf(args, sizeof args, "%s/other.yaml -q --resume -o %s/out", dir, dir);
	cr_assert_eq(simon_compare(args, &err), 1);
	cr_assert_not_null(strstr(err, "the journal of another matrix"), "%s", err);
	free(err);
	snprintf(args, sizeof args, "%s/m.yaml -q --resume -o %s/out", dir, dir);
	cr_assert_eq(simon_compare(args, NULL), 0);
	char *csv = file_in("out", "results.csv");
	cr_assert_not_null(strstr(csv, ",725.000000,"), "the journal's run was run again: %s", csv);
	free(csv);
}

/* The journal keeps each input's SHA-256: after a trace file changed, --resume refuses, naming
 * the file, rather than mixing runs of the old contents with runs of the new (before, it kept
 * the old runs and the provenance named only the new file); without --resume the runs are all
 * done again, as a fresh run does them. */
Test(compare, resume_refuses_a_journal_whose_inputs_changed)
{
	write_text(dir, "t/cluster/nodes.yaml", node_yaml("n1", "8", "16Gi", 2, "T4"));
	char pods[4096];
	snprintf(pods, sizeof pods, "%s", pod_yaml("a", "1", 1, 500, NULL, -1, -1));
	write_text(dir, "t/cluster/pods.yaml", pods);
	write_cluster_config(dir, "");
	char cc[1024], text[4096];
	snprintf(cc, sizeof cc, "%s/cluster.yaml", dir);
	char *config = slurp(cc);
	char *at = strstr(config, "customConfig: ");
	cr_assert_not_null(at);
	snprintf(text, sizeof text, "%.*scustomConfig: %s/t/cluster\n", (int)(at - config), config, dir);
	write_text(dir, "t/cluster.yaml", text);
	free(config);
	snprintf(text, sizeof text, "kind: Matrix\ntraces:\n  - %s/t/cluster.yaml\npolicies:\n  - BestFitScore\nseeds: 42-43\n",
		 dir);
	write_text(dir, "m.yaml", text);
	char args[4096];
	write_text(dir, "out/report.html/x", "");   /* the write fails: the journal stays */
	snprintf(args, sizeof args, "%s/m.yaml -q -o %s/out", dir, dir);
	cr_assert_eq(simon_compare(args, NULL), 1);
	char path[1024];
	snprintf(path, sizeof path, "%s/out/report.html/x", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/out/report.html", dir);
	rmdir(path);
	strcat(pods, "---\n");
	strcat(pods, pod_yaml("b", "1", 1, 1000, NULL, -1, -1));
	write_text(dir, "t/cluster/pods.yaml", pods);
	char *err = NULL;
	snprintf(args, sizeof args, "%s/m.yaml -q --resume -o %s/out", dir, dir);
	cr_assert_eq(simon_compare(args, &err), 1);
	cr_assert_not_null(strstr(err, "t/cluster/pods.yaml changed since this journal was written (its SHA-256 differs)"),
			   "%s", err);
	free(err);
	snprintf(args, sizeof args, "%s/m.yaml -q -o %s/out", dir, dir);
	cr_assert_eq(simon_compare(args, NULL), 0);
	snprintf(args, sizeof args, "%s/m.yaml -q -o %s/fresh", dir, dir);
	cr_assert_eq(simon_compare(args, NULL), 0);
	char *a = file_in("out", "results.csv"), *b = file_in("fresh", "results.csv");
	cr_assert(a && b && strcmp(a, b) == 0, "%s\n%s", a, b);
	cr_assert_not_null(strstr(a, ",2.000000,2.000000,0.000000,"), "both pods ran: %s", a);
	free(a);
	free(b);
}

/* A trace entry's load knob is bounded as --arrival-scale is (1e-12 stretched times past int64),
 * and its numbers are read whole. */
Test(compare, a_matrix_load_knob_is_bounded)
{
	static const struct {
		const char *knob, *message;
	} bad[] = {
		{"arrival_scale: 1e-12", "arrival_scale: expected a number from 1e-06 to 1e+09"},
		{"arrival_scale: 12abc", "arrival_scale: expected a number from 1e-06 to 1e+09"},
		{"target_load: 0", "target_load: expected a number from 1e-06 to 100000"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char text[4096], path[1024];
		snprintf(text, sizeof text,
			 "kind: Matrix\nmode: replay\ntraces:\n  - {name: t, path: %s/data/example/cluster-config.yaml, %s}\n"
			 "policies:\n  - BestFitScore\nseeds: [1]\n",
			 SIMON_SOURCE_DIR, bad[i].knob);
		write_text(dir, "m.yaml", text);
		snprintf(path, sizeof path, "%s/m.yaml", dir);
		struct matrix m;
		struct error err = {{0}};
		cr_assert_neq(matrix_load(&m, path, &err), 0, "case %zu loaded", i);
		cr_assert(strstr(err.msg, bad[i].message), "case %zu: %s", i, err.msg);
	}
}
