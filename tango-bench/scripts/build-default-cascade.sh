#!/usr/bin/env bash
# Regenerates the bundled default cascade sst2-sentiment in
# tango-runtime/src/main/resources/tango/cascades/sst2-sentiment/: tiers Tango trains itself on
# SST-2. bge-small-en-v1.5 fine-tuned end to end (shipped as its int8 delta on the published
# int8 bge-small) and a lexical student distilled from it; then the descriptor, calibrated on
# dev.
#
#   tango-bench/scripts/build-default-cascade.sh
#
# Environment: TANGO_DATA (default ../shared/data) holds sst2/train.tsv and sst2/dev.tsv;
# TANGO_BENCH_JAR, if set, is a built tango-bench.jar to run instead of './tango bench'.
# Intermediate files go to tango-bench/target/default-cascade/sst2. On 2 cores: the
# fine-tuning about 45 minutes (1,300 steps, 3,700 s of CPU, 5.5 GiB peak), the student about
# 7 minutes. Training resumes from its checkpoints when the script is run again.
source "$(dirname "$0")/cascade-build.sh" || exit 1
OUT=tango-runtime/src/main/resources/tango/cascades/sst2-sentiment
WORK=tango-bench/target/default-cascade/sst2
BENCH_HEAP=6g
BENCH_PROPERTIES="-Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1"
mkdir -p "$OUT" "$WORK"

# 1. The default cascade's stratified, seeded 90/10 split of the training set: everything is
#    trained on fit.tsv; holdout.tsv checks the thresholds out of sample.
bench split --data "$DATA/sst2/train.tsv" --holdout 0.1 --seed $SEED --out-dir "$WORK"

# 2. Tier 2: bge-small-en-v1.5 fine-tuned with frozen word embeddings (2% of fit.tsv held out to
#    keep the best step), exported in float32 and int8 with deltas on the published encoders.
bench fine-tune --encoder bge-small-en-v1.5 --train "$WORK/fit.tsv" --holdout 0.02 --epochs 1 --max-steps 1300 \
  --batch-size 32 --lr 5e-5 --freeze-word-embeddings --evaluate-every 325 --checkpoint-every 100 --seed $SEED \
  --checkpoint-dir "$WORK/ckpt" --out "$WORK/ft" --name bge-sst2

# 3. Tier 1: a lexical student of the int8 tier (T 2, alpha 0.5).
bench distil --student lexical --teacher "$WORK/ft/bge-sst2-int8.delta.cascade.json" --train "$WORK/fit.tsv" \
  --temperature 2 --alpha 0.5 --seed $SEED --out "$WORK/distilled"

# 4. The bundled files: the student's head, the int8 tier as its delta.
cp "$WORK/distilled/lexical.head.json" "$OUT/sst2-lexical.head.json"
cp "$WORK/ft/bge-sst2-int8.delta.head.json" "$WORK/ft/bge-sst2-int8.delta" "$OUT/"

# 5. The descriptor, cheapest tier first, calibrated on dev (at most 0.5 pt below the last tier,
#    one-sided 90% bound), then evaluated on the train holdout.
bench cascade --name sst2-sentiment --batch-size 32 --out "$OUT/cascade.json" \
  --description "SST-2 sentiment with tiers Tango trained: a lexical student distilled from bge-small-en-v1.5 fine-tuned on SST-2 (int8, shipped as a delta on the published int8 bge-small), then that tier; see PROVENANCE.md" \
  --display-name 0=negative --display-name 1=positive \
  --head "$OUT/sst2-lexical.head.json" --head "$OUT/bge-sst2-int8.delta.head.json"
bench calibrate --cascade "$OUT/cascade.json" --data "$DATA/sst2/dev.tsv" --max-drop 0.005 --confidence-level 0.9 \
  --out "$OUT/cascade.json" --curve "$OUT/curve.csv" --json "$WORK/calibration.json"
bench evaluate --cascade "$OUT/cascade.json" --data "$WORK/holdout.tsv" --out "$WORK/evaluation-holdout.md"
