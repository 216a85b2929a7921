"""The ``viz`` page in a real headless Chromium: drawn, clickable, filterable, fast.

Each page is written by the project's own ``viz`` command (or, for the 1,000-node
pipeline, by the same functions in-process) and opened from disk: ``file://``.
"""

from __future__ import annotations

import shlex
import time
from pathlib import Path
from typing import Any

import pytest
from helpers import TWO_PIPELINES
from helpers import make_project
from helpers import run_cli

pytestmark = pytest.mark.browser

FEATURES = {
    "src/{package}/pipelines/features/__init__.py": """\
        from {package}.runtime import Pipeline, node, pipeline


        def double(values):
            \"\"\"Double every value.\"\"\"
            return [v * 2 for v in values]


        def create_pipeline(**kwargs):
            base = Pipeline(
                [
                    node(double, "cleaned", "doubled", name="double"),
                    node(double, "doubled", "quadrupled", name="again"),
                ]
            )
            return pipeline(base, namespace="features", inputs={"cleaned"})
        """,
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(
        tmp_path_factory.mktemp("viz"), files={**TWO_PIPELINES, **FEATURES}
    )
    done = run_cli(root, "viz")
    assert done.returncode == 0, done.stderr
    return root


def _open(page: Any, path: Path) -> None:
    page.goto(path.as_uri())
    page.wait_for_function("window.keelViz && window.keelViz.renderMs !== null")


def _names(page: Any, kind: str = "node") -> set[str]:
    script = "els => els.map(e => e.getAttribute('data-name'))"
    return set(page.eval_on_selector_all(f".el.{kind}", script))


def test_page_loads_without_errors_or_network_and_draws_the_graph(
    page: Any, project: Path, artifacts: Path
) -> None:
    _open(page, project / ".keel/pipelines.html")
    assert page.errors == []
    assert all(url.startswith(("file:", "data:")) for url in page.requests)
    assert _names(page) == {
        "clean",
        "summarise",
        "train",
        "evaluate",
        "features.double",
        "features.again",
    }
    assert "params:options" in _names(page, "param")
    assert page.locator(".edge").count() == 14
    assert page.locator(".band text").all_text_contents()[:2] == ["raw", "intermediate"]
    shot = artifacts / "viz-example.png"
    page.screenshot(path=str(shot))
    print(f"screenshot: {shot}")


def test_clicking_a_node_shows_its_details_and_a_run_command_that_works(
    page: Any, project: Path, artifacts: Path
) -> None:
    _open(page, project / ".keel/pipelines.html")
    page.locator('.el.node[data-name="summarise"]').click()
    details = page.locator("#details")
    assert details.locator("h2").inner_text() == "summarise"
    assert details.locator("li").all_inner_texts() == [
        "cleaned",
        "params:options",
        "summary",
    ]
    assert page.locator("#source").inner_text() == (
        "src/demo/pipelines/data_processing/nodes.py:5"
    )
    assert page.get_attribute(".el.selected", "data-name") == "summarise"
    assert page.locator(".edge.hot").count() == 3
    command = page.locator("#command").inner_text()
    assert command == "demo-project run --to-nodes summarise"
    page.screenshot(path=str(artifacts / "viz-node-details.png"))
    done = run_cli(project, *shlex.split(command)[1:])
    assert done.returncode == 0, done.stderr
    assert (project / "data/08_reporting/summary.json").read_text().startswith("{")
    assert not (project / "data/06_models/model_pickle.pkl").exists()


def test_the_run_command_names_the_chosen_pipeline(page: Any, project: Path) -> None:
    _open(page, project / ".keel/pipelines.html")
    page.select_option("#pipeline", "data_science")
    page.locator('.el.node[data-name="evaluate"]').click()
    command = page.locator("#command").inner_text()
    assert command == "demo-project run --pipeline data_science --to-nodes evaluate"


def test_choosing_a_pipeline_draws_only_its_nodes(page: Any, project: Path) -> None:
    _open(page, project / ".keel/pipelines.html")
    page.select_option("#pipeline", "data_science")
    assert _names(page) == {"train", "evaluate"}
    assert page.locator("#count").inner_text() == "2 nodes shown"


def test_filtering_by_tag_hides_the_other_nodes(page: Any, project: Path) -> None:
    _open(page, project / ".keel/pipelines.html")
    page.select_option("#tag", "report")
    assert _names(page) == {"summarise", "evaluate"}
    assert "raw" not in _names(page, "dataset")  # only clean used it
    page.select_option("#tag", "")
    assert len(_names(page)) == 6


def test_a_namespace_folds_into_one_box_and_unfolds(page: Any, project: Path) -> None:
    _open(page, project / ".keel/pipelines.html")
    page.locator('#namespaces input[data-ns="features"]').check()
    assert "features.double" not in _names(page)
    assert "features.quadrupled" not in _names(page, "dataset")
    folded = page.locator('.el.ns[data-ns="features"]')
    assert folded.text_content() == "\u25b8 features (2 nodes)"
    assert page.locator('.edge[data-b="ns:features"]').count() == 1
    folded.click()
    assert page.locator(".el.ns").count() == 0
    assert {"features.double", "features.again"} <= _names(page)
    assert not page.locator('#namespaces input[data-ns="features"]').is_checked()


def test_finding_a_name_selects_it_and_shows_its_details(
    page: Any, project: Path
) -> None:
    _open(page, project / ".keel/pipelines.html")
    page.fill("#find", "features.doubled")
    page.press("#find", "Enter")
    assert page.locator("#details h2").inner_text() == "features.doubled"
    made_by = page.locator("#details li").all_inner_texts()
    assert made_by == ["features.double", "features.again"]
    assert page.get_attribute(".el.selected", "data-name") == "features.doubled"


def test_pan_and_zoom_move_the_drawing_without_redrawing(
    page: Any, project: Path
) -> None:
    _open(page, project / ".keel/pipelines.html")
    before = page.get_attribute("#viewport", "transform")
    page.mouse.move(500, 400)
    page.mouse.wheel(0, -300)
    page.wait_for_function(
        f"document.getElementById('viewport').getAttribute('transform') !== {before!r}"
    )
    page.mouse.down()
    page.mouse.move(600, 450, steps=4)
    page.mouse.up()
    assert page.evaluate("window.keelViz.draws") == 1
    assert page.get_attribute("#viewport", "transform") != before


def _big_pipelines(size: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """``size`` nodes: 10 namespaces of 10 branches, cross-linked, over 4 layers."""
    from keelrt import Pipeline
    from keelrt import node

    def step(*values: Any) -> int:
        return len(values)

    per_namespace = size // 10
    nodes = []
    for i in range(size):
        group, j = divmod(i, per_namespace)
        level, branch = divmod(j, 10)
        name = f"ns{group}.step_{i}"
        inputs = [f"d{i - 10}"] if level else ["raw_input"]
        if level and branch and j % 3 == 0:
            inputs.append(f"d{i - 11}")
        if j % 50 == 0:
            inputs.append("params:scale")
        tags = ["even" if i % 2 == 0 else "odd"]
        nodes.append(node(step, inputs, f"d{i}", name=name, tags=tags))
    layers = ["raw", "intermediate", "primary", "feature"]
    catalog = {
        f"d{i}": {
            "type": "pickle.PickleDataset",
            "filepath": f"data/x/d{i}.pkl",
            "metadata": {"layer": layers[(i % per_namespace) * 4 // per_namespace]},
        }
        for i in range(size)
        if i % 7 == 0
    }
    return {"__default__": Pipeline(nodes)}, catalog


def test_a_thousand_node_pipeline_renders_without_freezing(
    page: Any, tmp_path: Path, artifacts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from keelrt.viz import build_graph
    from keelrt.viz import render_html

    pipelines, catalog = _big_pipelines(1000)
    started = time.perf_counter()
    graph = build_graph(pipelines, catalog, command="big")
    layout_s = time.perf_counter() - started
    path = tmp_path / "big.html"
    path.write_text(render_html(graph), encoding="utf-8")
    started = time.perf_counter()
    _open(page, path)
    load_s = time.perf_counter() - started
    render_ms = page.evaluate("window.keelViz.renderMs")
    assert page.errors == []
    assert page.locator(".el.node").count() == 1000
    started = time.perf_counter()
    page.locator('.el.node[data-name="ns5.step_500"]').dispatch_event("click")
    assert page.locator("#details h2").inner_text() == "ns5.step_500"
    click_s = time.perf_counter() - started
    page.select_option("#tag", "even")
    assert page.locator(".el.node").count() == 500
    shot = artifacts / "viz-1000-nodes.png"
    page.screenshot(path=str(shot))
    with capsys.disabled():
        print(
            f"\n1,000-node page: layout in Python {layout_s * 1000:.0f} ms, "
            f"draw in the browser {render_ms} ms (window.keelViz.renderMs), "
            f"page load {load_s * 1000:.0f} ms, click to details "
            f"{click_s * 1000:.0f} ms; screenshot {shot}"
        )
