-- Runs, their scenario and settings, and per-draw outputs.
CREATE TABLE runs (
    id            INTEGER PRIMARY KEY,
    scenario_name TEXT    NOT NULL,
    scenario_hash TEXT    NOT NULL,  -- SHA-256 of the scenario file's bytes
    scenario_text TEXT    NOT NULL,  -- the file itself, so a run can be reproduced
    seed          INTEGER NOT NULL,
    draws         INTEGER NOT NULL,  -- draws in the whole sweep (all shards)
    shard_i       INTEGER NOT NULL,
    shard_n       INTEGER NOT NULL,
    code_version  TEXT    NOT NULL,
    created       TEXT    NOT NULL,
    UNIQUE (scenario_hash, seed, draws, shard_i, shard_n)
);

CREATE TABLE run_packages (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    idx    INTEGER NOT NULL,
    id     TEXT    NOT NULL,
    PRIMARY KEY (run_id, idx)
);

CREATE TABLE run_outputs (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    idx    INTEGER NOT NULL,
    name   TEXT    NOT NULL,
    PRIMARY KEY (run_id, idx)
);

-- One row per draw and package; vals holds the outputs as little-endian
-- IEEE 754 float64s (bit-exact, infinities included).
CREATE TABLE draws (
    run_id  INTEGER NOT NULL REFERENCES runs(id),
    draw    INTEGER NOT NULL,
    package INTEGER NOT NULL,
    vals    BLOB    NOT NULL,
    PRIMARY KEY (run_id, draw, package)
) WITHOUT ROWID;
