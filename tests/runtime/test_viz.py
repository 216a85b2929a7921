"""The pipeline picture: layers, layout, the HTML page, Mermaid and the viz command."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

from helpers import TWO_PIPELINES
from helpers import make_project
from helpers import run_cli
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from keelrt import Pipeline
from keelrt import node
from keelrt import pipeline
from keelrt.viz import build_graph
from keelrt.viz import compute_layout
from keelrt.viz import dataset_layer
from keelrt.viz import render_html
from keelrt.viz import render_mermaid
from keelrt.viz import render_svg


def identity(x):
    """Return the input unchanged."""
    return x


def pair(x, y):
    return [x, y]


CATALOG = {
    "raw": {"type": "json.JSONDataset", "filepath": "data/01_raw/raw.json"},
    "clean": {
        "type": "json.JSONDataset",
        "filepath": "elsewhere/clean.json",
        "metadata": {"layer": "primary"},
    },
    "report": {"type": "text.TextDataset", "filepath": "data/08_reporting/r.txt"},
}


def _small() -> dict[str, Pipeline]:
    pipe = Pipeline(
        [
            node(identity, "raw", "clean", name="tidy", tags=["prep"]),
            node(pair, ["clean", "params:k"], "mid", name="combine"),
            node(identity, "mid", "report", name="write", tags=["report"]),
        ]
    )
    return {"__default__": pipe, "prep": pipe.only_nodes_with_tags("prep")}


def _positions(graph: dict, name: str = "__default__") -> dict[str, tuple]:
    layout = graph["pipelines"][name]
    return {
        graph["elements"][i]["name"]: (layout["x"][k], layout["y"][k])
        for k, i in enumerate(layout["members"])
    }


def test_layer_comes_from_metadata_first() -> None:
    config = {
        "filepath": "data/02_intermediate/x.csv",
        "metadata": {"layer": "feature"},
    }
    assert dataset_layer(config) == "feature"


def test_layer_comes_from_the_numbered_data_folder() -> None:
    assert dataset_layer({"filepath": "data/05_model_input/table.pq"}) == "model_input"
    assert dataset_layer({"filepath": "/abs/project/data/01_raw/x.csv"}) == "raw"


def test_dataset_without_layer_hints_has_none() -> None:
    assert dataset_layer({"filepath": "out/x.csv"}) is None
    assert dataset_layer({}) is None


def test_datasets_are_drawn_in_layer_order() -> None:
    y = {k: v[1] for k, v in _positions(build_graph(_small(), CATALOG)).items()}
    assert y["raw"] < y["tidy"] < y["clean"] < y["combine"] < y["write"] < y["report"]


def test_bands_name_the_layers_in_kedro_order() -> None:
    bands = build_graph(_small(), CATALOG)["pipelines"]["__default__"]["bands"]
    assert [band[0] for band in bands] == ["raw", "primary", "reporting"]
    assert all(a[2] <= b[1] for a, b in itertools.pairwise(bands))


def test_a_free_parameter_sits_just_above_its_consumer() -> None:
    pos = _positions(build_graph(_small(), CATALOG))
    assert pos["params:k"][1] < pos["combine"][1]
    assert pos["params:k"][1] > pos["tidy"][1]


def test_node_details_name_function_docstring_and_source_line() -> None:
    graph = build_graph(_small(), CATALOG, project_path=Path(__file__).parent)
    tidy = next(e for e in graph["elements"] if e["name"] == "tidy")
    assert tidy["func"] == "identity"
    assert tidy["doc"] == "Return the input unchanged."
    assert tidy["file"] == "test_viz.py"
    assert tidy["line"] == identity.__code__.co_firstlineno
    assert tidy["tags"] == ["prep"]


def test_dataset_type_comes_from_the_catalog_or_a_pattern() -> None:
    config = {**CATALOG, "{name}_pickle": {"type": "pickle.PickleDataset"}}
    pipe = {"__default__": Pipeline([node(identity, "raw", "m_pickle", name="n")])}
    graph = build_graph(
        pipe,
        config,
        match_pattern=lambda name: "{name}_pickle" * name.endswith("_pickle"),
    )
    types = {e["name"]: e["type"] for e in graph["elements"] if e["kind"] != "node"}
    assert types == {
        "raw": "json.JSONDataset",
        "m_pickle": "pickle.PickleDataset",
    }


def test_every_pipeline_gets_its_own_layout() -> None:
    graph = build_graph(_small(), CATALOG)
    assert list(graph["pipelines"]) == ["__default__", "prep"]
    assert len(graph["pipelines"]["prep"]["members"]) == 3  # raw, tidy, clean


def test_tags_and_namespaces_are_listed() -> None:
    inner = Pipeline([node(identity, "a", "b", name="step", tags=["t"])])
    outer = pipeline(pipeline(inner, namespace="inner"), namespace="outer")
    graph = build_graph({"__default__": outer})
    assert graph["namespaces"] == ["outer", "outer.inner"]
    assert graph["tags"] == ["t"]


@st.composite
def _dags(draw: st.DrawFn) -> tuple[list[list[int]], list[float]]:
    size = draw(st.integers(1, 40))
    preds = [
        sorted(draw(st.sets(st.integers(0, i - 1), max_size=3))) if i else []
        for i in range(size)
    ]
    widths = draw(st.lists(st.floats(30, 300), min_size=size, max_size=size))
    return preds, widths


@settings(max_examples=60, deadline=None)
@given(_dags(), st.lists(st.sampled_from([None, "raw", "primary", "x"]), max_size=40))
def test_layout_edges_point_down_and_boxes_never_overlap(dag, layer_list) -> None:
    preds, widths = dag
    n = len(preds)
    succs: list[list[int]] = [[] for _ in range(n)]
    for i, parents in enumerate(preds):
        for p in parents:
            succs[p].append(i)
    layers = [*layer_list, *[None] * n][:n]
    layout = compute_layout(range(n), preds, succs, layers, widths)
    for i, parents in enumerate(preds):
        for p in parents:
            assert layout.y[p] < layout.y[i]
    rows: dict[float, list[int]] = {}
    for i in range(n):
        rows.setdefault(layout.y[i], []).append(i)
    for members in rows.values():
        members.sort(key=lambda i: layout.x[i])
        for a, b in itertools.pairwise(members):
            gap = layout.x[b] - layout.x[a] - (widths[a] + widths[b]) / 2
            assert gap >= 27.5
    assert all(layout.x[i] - widths[i] / 2 >= 0 for i in range(n))
    assert all(layout.x[i] + widths[i] / 2 <= layout.width for i in range(n))


def test_the_page_needs_no_network() -> None:
    page = render_html(build_graph(_small(), CATALOG))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<script src" not in page
    assert "@import" not in page


def test_the_page_carries_the_graph_as_json_that_cannot_close_its_script() -> None:
    pipe = Pipeline([node(identity, "a</script><b>", "out", name="n")])
    page = render_html(build_graph({"__default__": pipe}))
    data = page.split('id="keel-data">', 1)[1].split("</script>", 1)[0]
    assert json.loads(data)["elements"][0]["name"] == "a</script><b>"


def test_mermaid_has_every_node_dataset_and_edge() -> None:
    text = render_mermaid(build_graph(_small(), CATALOG), "__default__")
    assert text.startswith("flowchart TD\n")
    labels = re.findall(r'^\s+(\w+)\W+"([^"]+)"', text, flags=re.MULTILINE)
    ids = {label: ident for ident, label in labels}
    assert set(ids) == {
        "raw",
        "tidy",
        "clean",
        "combine",
        "params:k",
        "mid",
        "write",
        "report",
    }
    assert f"{ids['raw']} --> {ids['tidy']}" in text
    assert f"{ids['params:k']} --> {ids['combine']}" in text
    assert text.count(" --> ") == 7


def test_mermaid_draws_namespaces_as_subgraphs() -> None:
    pipe = pipeline(Pipeline([node(identity, "a", "b", name="step")]), namespace="ns")
    text = render_mermaid(build_graph({"__default__": pipe}), "__default__")
    assert 'subgraph ns0["ns"]' in text
    lines = text.splitlines()
    start = lines.index('    subgraph ns0["ns"]')
    assert lines[start + 1 : start + 3] == ['        n2(["step"])', "    end"]


def test_mermaid_escapes_quotes_in_names() -> None:
    pipe = Pipeline([node(identity, 'say "hi"', "out", name="n")])
    text = render_mermaid(build_graph({"__default__": pipe}), "__default__")
    assert "say #quot;hi#quot;" in text


def test_svg_draws_one_box_per_element() -> None:
    svg = render_svg(build_graph(_small(), CATALOG), "__default__")
    assert svg.startswith("<svg")
    assert svg.endswith("</svg>")
    assert svg.count("<rect") == 8 + 3  # elements + layer bands
    assert svg.count("<path") == 7


def test_viz_command_writes_a_page_that_opens_from_disk(tmp_path: Path) -> None:
    root = make_project(tmp_path, files=TWO_PIPELINES)
    done = run_cli(root, "viz", "--output", "out/page.html")
    assert done.returncode == 0, done.stderr
    page = (root / "out/page.html").read_text()
    assert "file://" in done.stdout
    graph = json.loads(page.split('id="keel-data">', 1)[1].split("</script>", 1)[0])
    assert sorted(graph["pipelines"]) == [
        "__default__",
        "data_processing",
        "data_science",
    ]
    assert graph["command"] == "demo-project"


def test_viz_command_prints_mermaid_of_one_pipeline(tmp_path: Path) -> None:
    root = make_project(tmp_path, files=TWO_PIPELINES)
    done = run_cli(root, "viz", "--format", "mermaid", "--pipeline", "data_science")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("flowchart TD\n")
    assert '(["train"])' in done.stdout
    assert "clean" not in done.stdout.replace("cleaned", "")


def test_viz_command_suggests_a_pipeline_for_a_typo(tmp_path: Path) -> None:
    root = make_project(tmp_path, files=TWO_PIPELINES)
    done = run_cli(root, "viz", "--pipeline", "data_sciense")
    assert done.returncode == 2
    assert "did you mean 'data_science'" in done.stderr
    assert "Traceback" not in done.stderr
