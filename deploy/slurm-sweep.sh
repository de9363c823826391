#!/bin/bash
# Run a deter sweep as a SLURM job array: task i runs shard i/N into its own
# SQLite database; then merge them:
#
#   sbatch deploy/slurm-sweep.sh
#   deter merge --out merged.db results/shard-*.db
#
# Results are bit for bit those of a single-machine sweep with the same seed
# and draw count. A requeued task resumes its shard (--resume).
#SBATCH --job-name=deter-sweep
#SBATCH --array=0-7
#SBATCH --cpus-per-task=2
#SBATCH --mem=1G
#SBATCH --time=24:00:00
#SBATCH --requeue
set -euo pipefail
N=8   # must match the size of --array
mkdir -p results
deter sweep scenarios/ukraine-2025.yaml --draws 100000 --seed 20250815 -q \
  --shard "${SLURM_ARRAY_TASK_ID}/${N}" --db "results/shard-${SLURM_ARRAY_TASK_ID}.db" --resume
