/* Provenance: every result names simon's version and commit, the date, the command line and
 * the SHA-256 of every input; baselines from other inputs are refused. */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util/sha256.h"
#include "tests/support.h"

SCRATCH_SUITE(provenance, scratch_make);

/* What `sha256sum path` prints first, run from the source folder. */
static void sha256sum(const char *path, char hex[65])
{
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "cd '%s' && sha256sum '%s'", SIMON_SOURCE_DIR, path);
	FILE *p = popen(cmd, "r");
	cr_assert_not_null(p);
	cr_assert_eq(fscanf(p, "%64s", hex), 1);
	pclose(p);
}

/* The commit the simon under test says it was built from (`simon --version`). */
static const char *commit_of_simon(void)
{
	static char version[256];
	FILE *p = popen("'" SIMON_BIN "' --version", "r");
	cr_assert_not_null(p);
	cr_assert_not_null(fgets(version, sizeof version, p));
	pclose(p);
	char *open = strstr(version, "(commit "), *close = strrchr(version, ')');
	cr_assert(open && close, "%s", version);
	*close = '\0';
	return open + strlen("(commit ");
}

Test(provenance, sha256_of_known_texts)
{
	struct sha256 s;
	char hex[65];
	sha256_init(&s);
	sha256_final(&s, hex);
	cr_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sha256_init(&s);
	sha256_update(&s, "abc", 3);
	sha256_final(&s, hex);
	cr_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* 56 bytes: the padding spills into a second block. */
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha256_init(&s);
	for (const char *c = two; *c; c++)
		sha256_update(&s, c, 1);
	sha256_final(&s, hex);
	cr_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

Test(provenance, summary_json_ties_the_run_to_its_inputs)
{
	char args[2048];
	snprintf(args, sizeof args,
		 "apply -f data/example/cluster-config.yaml -s data/schedulers/fgd.yaml --seed 3 -q -o %s/out", dir);
	cr_assert_eq(run_simon(args, NULL), 0);
	char path[1024];
	snprintf(path, sizeof path, "%s/out/summary.json", dir);
	char *text = slurp(path);
	cJSON *j = cJSON_Parse(text);
	free(text);
	cJSON *p = cJSON_GetObjectItem(j, "provenance");
	cr_assert_not_null(p);
	cr_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(p, "simon_version")), SIMON_VERSION);
	cr_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(p, "commit")), commit_of_simon());
	char want[2100];
	snprintf(want, sizeof want, "simon %s", args);
	cr_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(p, "command")), want);
	const char *date = cJSON_GetStringValue(cJSON_GetObjectItem(p, "date"));
	cr_assert(date && strlen(date) == 20 && date[10] == 'T' && date[19] == 'Z', "%s", date);
	const char *files[] = {"data/example/cluster-config.yaml", "data/example/cluster/nodes.yaml",
			       "data/example/cluster/pods.yaml", "data/schedulers/fgd.yaml"};
	cJSON *inputs = cJSON_GetObjectItem(p, "inputs");
	cr_assert_eq(cJSON_GetArraySize(inputs), 4);
	for (int i = 0; i < 4; i++) {
		cJSON *f = cJSON_GetArrayItem(inputs, i);
		cr_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(f, "path")), files[i]);
		char hex[65];
		sha256sum(files[i], hex);
		cr_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(f, "sha256")), hex, "%s", files[i]);
	}
	cJSON_Delete(j);
}

/* A baseline's gates compare like with like: one made from another scheduler config is
 * refused, unless told. */
Test(provenance, baseline_from_other_inputs_is_refused)
{
	char text[2048], args[2048], *err = NULL;
	char *fgd = slurp(SIMON_SOURCE_DIR "/data/schedulers/fgd.yaml");
	write_text(dir, "fgd.yaml", fgd);
	free(fgd);
	snprintf(text, sizeof text, "kind: Matrix\ntraces: [%s/data/example/cluster-config.yaml]\npolicies: [fgd.yaml]\n"
				    "seeds: [1]\n", SIMON_SOURCE_DIR);
	write_text(dir, "m.yaml", text);
	snprintf(args, sizeof args, "compare %s/m.yaml -q -o %s/base", dir, dir);
	cr_assert_eq(run_simon(args, NULL), 0);
	/* The same matrix with a baseline: the same inputs, accepted. */
	snprintf(text, sizeof text,
		 "kind: Matrix\ntraces: [%s/data/example/cluster-config.yaml]\npolicies: [fgd.yaml]\nseeds: [1]\n"
		 "baseline: base/results.json\ngates:\n  - fgd.alloc_at_100 within 0.001 of baseline\n",
		 SIMON_SOURCE_DIR);
	write_text(dir, "m2.yaml", text);
	snprintf(args, sizeof args, "compare %s/m2.yaml -q -o %s/again", dir, dir);
	cr_assert_eq(run_simon(args, &err), 0, "%s", err);
	free(err);
	/* The scheduler config changes (a comment is enough): refused, then taken when told. */
	write_text(dir, "fgd.yaml", "# changed\nkind: KubeSchedulerConfiguration\nprofiles:\n  - plugins:\n      score:\n"
				    "        enabled:\n          - name: FGDScore\n");
	cr_assert_eq(run_simon(args, &err), 1);
	cr_assert_not_null(strstr(err, "base/results.json: this baseline was made from other traces or scheduler configs"),
			   "%s", err);
	free(err);
	snprintf(args, sizeof args, "compare %s/m2.yaml -q --any-baseline -o %s/again", dir, dir);
	cr_assert_eq(run_simon(args, &err), 0, "%s", err);
	cr_assert_null(strstr(err, "baseline"), "%s", err);
	free(err);
}
