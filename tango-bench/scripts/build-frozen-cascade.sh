#!/usr/bin/env bash
# Regenerates the bundled cascade sst2-frozen (the default until Tango trained its own tiers) in
# tango-runtime/src/main/resources/tango/cascades/sst2-frozen/: a lexical student distilled
# from bge-small-en-v1.5 with its linear head, then that bge-small tier; the two head files,
# cascade.json (tango-cascade format, labels 0/1 shown as negative/positive, the threshold
# chosen by calibrate), curve.csv and PROVENANCE.md.
#
#   tango-bench/scripts/build-frozen-cascade.sh [provenance]
#
# Environment: TANGO_DATA (default ../shared/data, relative to the project root) holds sst2/train.tsv
# and sst2/dev.tsv; TANGO_BENCH_JAR, if set, is a built tango-bench.jar to run instead of
# './tango bench' (which builds it first). Intermediate files go to tango-bench/target/frozen-cascade/sst2.
# Embeddings are cached for fit-head (see tango-runtime/README.md), but distil scores all of
# fit.tsv with the teacher: 10 to 45 minutes on 2 cores, then a few minutes to fit the student.
source "$(dirname "$0")/cascade-build.sh" || exit 1
OUT=tango-runtime/src/main/resources/tango/cascades/sst2-frozen
WORK=tango-bench/target/frozen-cascade/sst2
HOLDOUT=0.1
TEMPERATURE=2
ALPHA=0.5
MAX_DROP=0.005
LEVEL=0.9
COMPARE=0.5,0.8,0.95
BATCH=32
BENCH_HEAP=4g
BENCH_PROPERTIES=
mkdir -p "$OUT" "$WORK"

if [ "${1:-}" != "provenance" ]; then

# 1. A stratified, seeded 90/10 split of the training set: the bge-small head and the student
#    are fitted on fit.tsv; holdout.tsv is never fitted on nor used to choose the threshold, and
#    checks it out of sample.
bench split --data "$DATA/sst2/train.tsv" --holdout $HOLDOUT --seed $SEED --out-dir "$WORK"

# 2. The linear head of tier 2, fitted on fit.tsv (L2 chosen on 10% of it, seed $SEED).
bench fit-head --encoder bge-small-en-v1.5 --train "$WORK/fit.tsv" --seed $SEED \
  --out "$OUT/sst2-bge-small.head.json"

# 3. Tier 1: a lexical student distilled from tier 2 (its probabilities softened at T $TEMPERATURE,
#    mixed with fit.tsv's labels by alpha $ALPHA), through a one-tier descriptor of the teacher.
bench cascade --name sst2-bge-small --batch-size $BATCH --out "$WORK/teacher/cascade.json" \
  --head "$OUT/sst2-bge-small.head.json"
bench distil --student lexical --teacher "$WORK/teacher/cascade.json" --train "$WORK/fit.tsv" \
  --temperature $TEMPERATURE --alpha $ALPHA --seed $SEED --out "$WORK/distilled"
cp "$WORK/distilled/lexical.head.json" "$OUT/sst2-lexical.head.json"

# 4. The descriptor, cheapest tier first, SST-2's labels shown by name, then its threshold chosen
#    on the dev set by the accuracy-budget policy (at most $MAX_DROP below bge-small alone,
#    one-sided $LEVEL bound).
bench cascade --name sst2-frozen --batch-size $BATCH --out "$OUT/cascade.json" \
  --description "SST-2 sentiment (labels 0 = negative, 1 = positive, answered by those names): a lexical student distilled from bge-small-en-v1.5, then bge-small-en-v1.5 with a linear head fitted by Tango; see PROVENANCE.md" \
  --display-name 0=negative --display-name 1=positive \
  --head "$OUT/sst2-lexical.head.json" --head "$OUT/sst2-bge-small.head.json"
bench calibrate --cascade "$OUT/cascade.json" --data "$DATA/sst2/dev.tsv" --max-drop $MAX_DROP \
  --confidence-level $LEVEL --compare-levels $COMPARE --out "$OUT/cascade.json" --curve "$OUT/curve.csv" \
  --json "$WORK/calibration.json" | tee "$WORK/calibration.md"

# 5. Accuracy on dev and on the train holdout (out of sample), at the chosen threshold and at the
#    thresholds the other confidence levels would have chosen.
OTHERS=()
for t in $(jq -r '.choices[1:][] | .thresholds | map(tostring) | join(",")' "$WORK/calibration.json"); do
  OTHERS+=(--thresholds "$t")
done
bench evaluate --cascade "$OUT/cascade.json" --data "$DATA/sst2/dev.tsv" "${OTHERS[@]}" \
  --out "$WORK/evaluation-dev.md" --json "$WORK/evaluation-dev.json"
bench evaluate --cascade "$OUT/cascade.json" --data "$WORK/holdout.tsv" "${OTHERS[@]}" \
  --out "$WORK/evaluation-holdout.md" --json "$WORK/evaluation-holdout.json"
cut -d' ' -f1-3 /proc/loadavg > "$WORK/load.txt"

fi

# 6. PROVENANCE.md from the outputs above ('build-frozen-cascade.sh provenance' redoes this step alone).
pct() { printf '%.2f%%' "$(jq -r "$1 * 100" "$2")"; }
pt() { printf '%+.2f pt' "$(jq -r "$1 * 100" "$2")"; }
times() { printf '%.2fx' "$(jq -r "$1" "$2")"; }
sha() { sha256sum "$1" | cut -d' ' -f1; }
rows() { jq -r .rows "$1"; }
head_row() {
  local file=$1
  jq -r --arg f "$(basename "$file")" --arg s "$(sha "$file")" --arg b "$(stat -c %s "$file")" \
    '"| `\($f)` | \(.kind) | \(.encoder.id // "word and character n-grams") | \(.training.l2) | \(.training.heldOutAccuracy * 10000 | round / 100)% (\(.training.heldOutRows) rows) | \($b) | `\($s)` |"' "$file"
}
DEV="$WORK/evaluation-dev.json"
HO="$WORK/evaluation-holdout.json"
CAL="$WORK/calibration.json"
LEX="$OUT/sst2-lexical.head.json"
{
  cat <<MD
# sst2-frozen: provenance

The bundled cascade of frozen encoders (the default until Tango trained its own tiers), regenerated by \`tango-bench/scripts/build-frozen-cascade.sh\`
($(bench --version | paste -sd ';' | sed 's/;/; /'), $(date -u +%Y-%m-%d); load average
$(cat "$WORK/load.txt" 2>/dev/null || echo unknown) on the machine that ran it, at the end of the run). Two tiers, cheapest first:

1. \`sst2-lexical\`: a lexical student (hashed word and character n-grams, logistic regression in
   Java, no ONNX) distilled from tier 2, head \`sst2-lexical.head.json\`;
2. \`sst2-bge-small\`: bge-small-en-v1.5, float32 (\`classpath:bge-small-en-v1.5.onnx\`), CLS pooling, with the linear head \`sst2-bge-small.head.json\`.

Labels are SST-2's identifiers \`0\` and \`1\`, which the data, the heads and calibration use;
the descriptor's \`labels\` give them the display names \`negative\` and \`positive\`, which
answers show. Both tiers run in length-sorted batches of $BATCH.

## Data

| file | rows | sha256 | use |
| --- | ---: | --- | --- |
| \`sst2/train.tsv\` | $(($(wc -l < "$DATA/sst2/train.tsv") - 1)) | \`$(sha "$DATA/sst2/train.tsv")\` | split, stratified by label, seed $SEED |
| \`fit.tsv\` | $(($(wc -l < "$WORK/fit.tsv") - 1)) | \`$(sha "$WORK/fit.tsv")\` | $(jq -n "100 - $HOLDOUT * 100")% of train: the bge-small head and the student are fitted on it |
| \`holdout.tsv\` | $(rows "$HO") | \`$(sha "$WORK/holdout.tsv")\` | $(jq -n "$HOLDOUT * 100")% of train: never fitted on, never used to choose the threshold |
| \`sst2/dev.tsv\` | $(rows "$DEV") | \`$(sha "$DATA/sst2/dev.tsv")\` | the threshold is chosen on it |

SST-2's training rows are phrases of all lengths taken from the parse trees of the sentences, while
dev holds whole sentences: the holdout checks the threshold out of sample, on a different mix of
inputs (shorter and easier). The student's n-grams come from the same training sentences as the
holdout's phrases, so the holdout flatters it; dev is the honest check.

## Heads

Tier 2: multinomial logistic regression with L2 on bge-small's embeddings (see
tango-runtime/HEAD_FORMAT.md). Tier 1: the same on hashed n-gram features, fitted on the
teacher's probabilities at temperature $TEMPERATURE mixed with the labels (α $ALPHA, loss
\`α·CE(label) + (1 − α)·T²·CE(teacher_T, student_T)\`). L2 chosen by loss on a stratified 10% of
\`fit.tsv\` (seed $SEED), then refitted on all of it. Held-out accuracy is on those 10% (phrases).

| head file | kind | features | L2 | held-out accuracy | bytes | sha256 |
| --- | --- | --- | ---: | ---: | ---: | --- |
$(head_row "$LEX")
$(head_row "$OUT/sst2-bge-small.head.json")

Distillation: teacher \`$(jq -r .training.distillation.teacher "$LEX")\`, its accuracy on the
held-out rows $(pct .training.distillation.teacherHeldOutAccuracy "$LEX"), the student's agreement with it there
$(pct .training.distillation.heldOutAgreement "$LEX"); scoring with the teacher took
$(jq -r '.training.distillation.teacherSeconds | round' "$LEX") s, computing features and fitting $(jq -r '.training.distillation.fitSeconds | round' "$LEX") s.

Commands (also recorded in each head file):

\`\`\`
$(jq -r .training.command "$OUT/sst2-bge-small.head.json")
$(jq -r .training.command "$LEX")
\`\`\`

## Threshold

Threshold of tier 1: **$(jq -r '.calibration.chosen.thresholds[0]' "$OUT/cascade.json")**, chosen by the
accuracy-budget policy (largest estimated speedup whose accuracy drop against bge-small alone stays
within $(jq -n "$MAX_DROP * 100") points at a one-sided $(jq -n "$LEVEL * 100")% confidence level), with the
tiers' costs measured on the machine that ran the script, in the same run (on a loaded machine the
costs are inflated; with two tiers the choice depends only on the order of the costs):

> $(jq -r '.calibration.method' "$OUT/cascade.json")

\`\`\`
$(jq -r .calibration.command "$OUT/cascade.json")
\`\`\`

\`curve.csv\` holds every candidate threshold with its accuracy, escalation, estimated cost and
speedup, and the bound on the drop (see \`tango bench plot\`).

## Accuracy

| | dev ($(rows "$DEV") rows) | train holdout ($(rows "$HO") rows, out of sample) |
| --- | ---: | ---: |
| tier 1 alone (distilled lexical student) | $(pct '.tiers[0].accuracy' "$DEV") | $(pct '.tiers[0].accuracy' "$HO") |
| tier 2 alone (bge-small) | $(pct '.tiers[1].accuracy' "$DEV") | $(pct '.tiers[1].accuracy' "$HO") |
| cascade at its threshold | $(pct '.engine.accuracy' "$DEV") | $(pct '.engine.accuracy' "$HO") |
| drop against tier 2 alone | $(pt '.engine.accuracyDrop' "$DEV") | $(pt '.engine.accuracyDrop' "$HO") |
| inputs reaching tier 2 | $(pct '.engine.reach[0]' "$DEV") | $(pct '.engine.reach[0]' "$HO") |
| estimated speedup against tier 2 alone | $(times .atThresholds.estimatedSpeedup "$DEV") | $(times .atThresholds.estimatedSpeedup "$HO") |

The cascade's figures are those of the engine running it; the estimated speedup is
\`c2 / (c1 + e1·c2)\` with the tiers' costs measured in the same evaluation run (see
docs/BENCHMARKS.md for measured speedups).

## Confidence level

The policy's confidence level is a parameter (0.9 by default, in the admin's job and the bench alike). The thresholds each level chooses on
dev, and the accuracy drop they give on the train holdout, which played no part in any choice:

| confidence level | threshold (dev) | drop on dev | reach tier 2 (dev) | drop on holdout (s.e.) | reach tier 2 (holdout) |
| ---: | ---: | ---: | ---: | ---: | ---: |
$(jq -r --slurpfile ho "$HO" --slurpfile dev "$DEV" '
  [.choices[0]] + .choices[1:] | to_entries[] |
  .key as $i | .value as $c |
  (if $i == 0 then $ho[0].atThresholds else $ho[0].others[$i - 1] end) as $h |
  "| \($c.confidenceLevel) | \($c.thresholds[0] * 10000 | round / 10000) | \($c.accuracyDrop * 10000 | round / 100) pt | \($c.reach[0] * 10000 | round / 100)% | \($h.accuracyDrop * 10000 | round / 100) pt (\($h.dropStandardError * 10000 | round / 100)) | \($h.reach[0] * 10000 | round / 100)% |"' "$CAL")

Budget: $(jq -n "$MAX_DROP * 100") points. $(jq -r --argjson budget $MAX_DROP '
  [.atThresholds] + .others | map(select(.accuracyDrop > $budget) | .thresholds[0]) |
  if length == 0 then "On the holdout every level kept the drop within the budget."
  else "On the holdout the drop exceeded the budget at thresholds \(map(tostring) | join(", "))." end' "$HO")
The cascade uses confidence level $LEVEL, passed on the command line and recorded in \`cascade.json\`.

## Reproduce

\`\`\`
tango-bench/scripts/build-frozen-cascade.sh
\`\`\`

The full reports of the last run follow.

### Calibration on dev

$(cat "$WORK/calibration.md" | sed '/^Wrote /d')

### Evaluation on dev

$(cat "$WORK/evaluation-dev.md")

### Evaluation on the train holdout

$(cat "$WORK/evaluation-holdout.md")
MD
} > "$OUT/PROVENANCE.md"
ls -l "$OUT"
