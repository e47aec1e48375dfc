/* The simon command: exit statuses, messages, and no partial output on failure. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "sim/compare/results.h"
#include "sim/report/report.h"
#include "tests/support.h"

Test(cli, usage_errors_exit_2)
{
	cr_assert_eq(run_simon("", NULL), 2);
	cr_assert_eq(run_simon("frobnicate", NULL), 2);
	cr_assert_eq(run_simon("apply --no-such-flag", NULL), 2);
	cr_assert_eq(run_simon("apply -f data/example/cluster-config.yaml", NULL), 2);
	cr_assert_eq(run_simon("apply -f x -s y --mode sideways", NULL), 2);
}

Test(cli, help_and_version_exit_0)
{
	cr_assert_eq(run_simon("--version", NULL), 0);
	cr_assert_eq(run_simon("help", NULL), 0);
	cr_assert_eq(run_simon("help policies", NULL), 0);
	cr_assert_eq(run_simon("apply --help", NULL), 0);
}

Test(cli, missing_file_exits_1_with_its_name)
{
	char *err = NULL;
	cr_assert_eq(run_simon("apply -f no/such.yaml -s data/schedulers/bestfit.yaml", &err), 1);
	cr_assert_not_null(strstr(err, "simon: no/such.yaml: cannot open: No such file or directory"), "%s", err);
	free(err);
}

Test(cli, bad_input_leaves_no_output)
{
	char *dir = scratch_make();
	write_cluster_config(dir, "");
	write_text(dir, "cluster/nodes.yaml", node_yaml("n", "8", "lots", 0, NULL));
	char args[2048], *err = NULL;
	snprintf(args, sizeof args, "apply -f %s/cluster.yaml -s data/schedulers/bestfit.yaml -o %s/out", dir, dir);
	cr_assert_eq(run_simon(args, &err), 1);
	cr_assert_not_null(strstr(err, "nodes.yaml:8:13: Node n: memory: expected a number"), "%s", err);
	cr_assert_eq(strchr(err, '\n'), err + strlen(err) - 1, "expected one line: %s", err);
	char out[1024];
	snprintf(out, sizeof out, "%s/out", dir);
	cr_assert_eq(files_in(out), -1, "the output folder was created");
	free(err);
	scratch_remove(dir);
}

Test(cli, writes_every_report_file)
{
	char *dir = scratch_make();
	char args[2048];
	snprintf(args, sizeof args,
		 "apply -f data/example/cluster-config.yaml -s data/schedulers/bestfit.yaml --mode replay -o %s/out",
		 dir);
	cr_assert_eq(run_simon(args, NULL), 0);
	const char *files[] = {"summary.json", "curve.csv", "nodes.csv", "pods.csv", "timeline.csv", "racks.csv",
			       "report.svg"};
	char path[1024];
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/out/%s", dir, files[i]);
		char *text = slurp(path);
		cr_assert(text && *text, "%s missing or empty", files[i]);
		free(text);
	}
	snprintf(path, sizeof path, "%s/out", dir);
	/* The seven, and the manifest of what simon wrote there; no temporaries, no lock. */
	cr_assert_eq(files_in(path), 8, "stray files (temporaries?) in the output folder");
	snprintf(path, sizeof path, "%s/out/pods.csv", dir);
	char *pods = slurp(path);
	cr_assert_not_null(strstr(pods, "pod,cpu_milli,memory_mib,gpu_count,gpu_milli,gpu_model,node,gpus,"));
	free(pods);
	scratch_remove(dir);
}

/* The placements of a run into dir/name (its pods.csv). */
static char *placements(const char *dir, const char *name, const char *how)
{
	char args[2048], path[1024];
	snprintf(args, sizeof args, "apply -q -f data/example/cluster-config.yaml %s -o %s/%s", how, dir, name);
	cr_assert_eq(run_simon(args, NULL), 0, "%s", args);
	snprintf(path, sizeof path, "%s/%s/pods.csv", dir, name);
	char *csv = slurp(path);
	cr_assert_not_null(csv);
	return csv;
}

/* --policy brings its GPU selection and replaces the config's plugins: over a config scoring
 * and selecting GPUs by FGDScore, -p RandomScore places every pod where RandomScore's own config
 * does (same seed), and not where FGD does. */
Test(cli, policy_flag_overrides_the_gpu_selection_too)
{
	char *dir = scratch_make();
	char *over = placements(dir, "over", "-s data/schedulers/fgd.yaml -p RandomScore");
	char *random = placements(dir, "random", "-s data/schedulers/random.yaml");
	char *fgd = placements(dir, "fgd", "-s data/schedulers/fgd.yaml");
	cr_assert_str_eq(over, random);
	cr_assert_str_neq(over, fgd);
	free(over);
	free(random);
	free(fgd);
	scratch_remove(dir);
}

/* Each output table is the README's: one row "| `name` | what |" per file, in table order. */
static void readme_lists(const char *readme, const struct output_file *files, size_t n)
{
	const char *at = readme;
	for (size_t i = 0; i < n; i++) {
		char row[512];
		snprintf(row, sizeof row, "| `%s` | %s |\n", files[i].name, files[i].what);
		const char *found = strstr(at, row);
		cr_assert_not_null(found, "README.md lacks (or misorders) the row: %s", row);
		at = found;
	}
}

Test(cli, readme_lists_the_files_each_command_writes)
{
	char *readme = slurp(SIMON_SOURCE_DIR "/README.md");
	cr_assert_not_null(readme);
	readme_lists(readme, report_files, n_report_files);
	readme_lists(readme, compare_files, n_compare_files);
	free(readme);
}

/* What a simon command line prints on stdout, and its exit status. */
static char *stdout_of(const char *args, int *status)
{
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s 2>/dev/null", SIMON_SOURCE_DIR, SIMON_BIN, args);
	FILE *p = popen(cmd, "r");
	cr_assert_not_null(p);
	static char text[16384];
	size_t n = fread(text, 1, sizeof text - 1, p);
	text[n] = '\0';
	int st = pclose(p);
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return text;
}

/* --help shows the same tables. */
Test(cli, help_lists_the_files_each_command_writes)
{
	int status;
	const char *apply = stdout_of("apply --help", &status);
	for (size_t i = 0; i < n_report_files; i++)
		cr_assert_not_null(strstr(apply, report_files[i].what), "apply --help lacks %s", report_files[i].name);
	const char *compare = stdout_of("compare --help", &status);
	for (size_t i = 0; i < n_compare_files; i++)
		cr_assert_not_null(strstr(compare, compare_files[i].what), "compare --help lacks %s", compare_files[i].name);
}

Test(cli, validate_says_what_would_run_and_writes_nothing)
{
	char *dir = scratch_make();
	char args[1024];
	int status;
	snprintf(args, sizeof args,
		 "validate -f data/example/cluster-config.yaml -s data/schedulers/fgd.yaml --seed 7 -o %s/out", dir);
	const char *out = stdout_of(args, &status);
	cr_assert_eq(status, 0, "%s", out);
	cr_assert_not_null(strstr(out, "cluster   16 nodes, 60 GPUs, 1216 CPUs, 4 racks"), "%s", out);
	cr_assert_not_null(strstr(out, "workload  300 pods in the trace, 300 would arrive"), "%s", out);
	cr_assert_not_null(strstr(out, "would run inflation mode, policy FGDScore, GPU selection FGDScore, seed 7"),
			   "%s", out);
	cr_assert_eq(files_in(dir), 0, "validate wrote something");
	/* A bad policy arg is found without running. */
	write_text(dir, "dot.yaml",
		   "kind: KubeSchedulerConfiguration\nprofiles:\n  - plugins:\n      score:\n        enabled:\n"
		   "          - name: DotProductScore\n    pluginConfig:\n      - name: DotProductScore\n        args:\n"
		   "          normMethod: sideways\n");
	char *err = NULL;
	snprintf(args, sizeof args, "validate -f data/example/cluster-config.yaml -s %s/dot.yaml", dir);
	cr_assert_eq(run_simon(args, &err), 1);
	cr_assert_not_null(strstr(err, "dot.yaml:10:23: DotProductScore: normMethod 'sideways' is not one of max, node or pod"),
			   "%s", err);
	free(err);
	scratch_remove(dir);
}

Test(cli, compare_dry_run_checks_and_writes_nothing)
{
	char *dir = scratch_make();
	char args[1024];
	int status;
	snprintf(args, sizeof args, "compare data/matrices/example.yaml --dry-run -o %s/out", dir);
	const char *out = stdout_of(args, &status);
	cr_assert_eq(status, 0, "%s", out);
	cr_assert_not_null(strstr(out, "trace  example              16 nodes, 300 pods"), "%s", out);
	cr_assert_not_null(strstr(out, "1 traces × 3 policies × 1 tuning ratios × 3 seeds = 9, 9 here; 1 gates"), "%s",
			   out);
	cr_assert_eq(files_in(dir), 0, "--dry-run wrote something");
	scratch_remove(dir);
}

/* -o holds only this run's files: an inflation run after a replay run removes timeline.csv,
 * which it does not write, and keeps a file simon never wrote. */
Test(cli, a_reused_output_folder_holds_only_this_run)
{
	char *dir = scratch_make();
	char args[2048], path[1024];
	snprintf(args, sizeof args, "apply -f data/example/cluster-config.yaml -p random --mode replay -q -o %s/out", dir);
	cr_assert_eq(run_simon(args, NULL), 0);
	write_text(dir, "out/notes.txt", "mine\n");
	snprintf(path, sizeof path, "%s/out/timeline.csv", dir);
	char *timeline = slurp(path);
	cr_assert_not_null(timeline);
	free(timeline);
	snprintf(args, sizeof args, "apply -f data/example/cluster-config.yaml -p random -q -o %s/out", dir);
	cr_assert_eq(run_simon(args, NULL), 0);
	cr_assert_null(slurp(path), "a stale timeline.csv of the replay run is left");
	snprintf(path, sizeof path, "%s/out/notes.txt", dir);
	char *notes = slurp(path);
	cr_assert(notes && strcmp(notes, "mine\n") == 0, "a file simon did not write was touched");
	free(notes);
	scratch_remove(dir);
}

/* Two simons never write one folder at once: the second is refused while the first holds it. */
Test(cli, an_output_folder_in_use_is_refused)
{
	char *dir = scratch_make();
	char args[2048], *err = NULL;
	write_text(dir, "out/.keep", "");
	snprintf(args, sizeof args,
		 "&& exec 9>'%s/out/.simon-lock' && flock -n 9 && '%s' apply -f data/example/cluster-config.yaml -p fgd -q "
		 "-o '%s/out'",
		 dir, SIMON_BIN, dir);
	cr_assert_eq(run_simon(args, &err), 1, "%s", err);
	cr_assert_not_null(strstr(err, "another simon is writing into this folder"), "%s", err);
	free(err);
	scratch_remove(dir);
}
