"""Event files into numpy columns (no pyarrow): CSV written here, Parquet from the binary."""

import json

import numpy as np
import pytest

import aprime



def write_csv(path, rows):
    header = aprime.EVENT_COLUMNS
    lines = [",".join(header)]
    for row in rows:
        lines.append(",".join(str(row[c]) for c in header))
    path.write_text("\n".join(lines) + "\n")


def event(i, process):
    row = {c: 0 for c in aprime.EVENT_COLUMNS}
    row.update(
        run=i % 2, event=10 + i, process=process, weight=0.5 * (i + 1), mass_gev=0.02,
        e_ecal_gev=30.0 + i, srd1_mev=4.5, pileup="false", trigger="true",
    )
    return row


def test_csv_columns_and_sidecar_metadata(tmp_path):
    path = tmp_path / "events.csv"
    write_csv(path, [event(0, "signal"), event(1, "em_shower"), event(2, "signal")])
    meta = {"preset": "na64-2016", "eot_equivalent": 4.3e10, "seed": 9, "masses_gev": [0.02]}
    (tmp_path / "events.csv.meta.json").write_text(json.dumps(meta))
    columns, metadata = aprime.read_events(path)
    assert list(columns) == aprime.EVENT_COLUMNS
    assert columns["run"].dtype == np.uint32 and list(columns["run"]) == [0, 1, 0]
    assert columns["event"].dtype == np.uint64 and list(columns["event"]) == [10, 11, 12]
    assert list(columns["process"]) == ["signal", "em_shower", "signal"]
    assert np.array_equal(columns["weight"], [0.5, 1.0, 1.5])
    assert np.array_equal(columns["e_ecal_gev"], [30.0, 31.0, 32.0])
    assert columns["pileup"].dtype == np.bool_ and not columns["pileup"].any()
    assert columns["trigger"].all()
    assert metadata["preset"] == "na64-2016" and metadata["seed"] == 9
    assert metadata["eot_equivalent"] == 4.3e10


def test_csv_without_metadata(tmp_path):
    path = tmp_path / "plain.csv"
    write_csv(path, [event(0, "signal")])
    columns, metadata = aprime.read_events(path)
    assert metadata is None and len(columns["weight"]) == 1


def test_parquet_and_csv_of_the_same_simulation_agree(cli, tmp_path):
    args = ["simulate", "--preset", "na64-2016", "--eot-equivalent", "4.3e10",
            "--statistics", "0.02", "--masses", "0.02", "--seed", "7", "--quiet"]
    cli.run(*args, "--out", tmp_path / "e.parquet")
    cli.run(*args, "--out", tmp_path / "e.csv")
    pq, meta = aprime.read_events(tmp_path / "e.parquet")
    cs, _ = aprime.read_events(tmp_path / "e.csv")
    assert len(pq["weight"]) > 0
    for name in aprime.EVENT_COLUMNS:
        assert np.array_equal(pq[name], cs[name]), name
    assert meta["preset"] == "na64-2016" and meta["seed"] == 7
    assert meta["eot_equivalent"] == pytest.approx(4.3e10)


def test_missing_columns_are_named(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("run,event\n0,1\n")
    with pytest.raises(ValueError, match="weight"):
        aprime.read_events(path)
    with pytest.raises(ValueError):
        aprime.read_events(tmp_path / "absent.parquet")
