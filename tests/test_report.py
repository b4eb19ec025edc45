"""The progress line of a back-catalogue run."""

import io

from summarizer.report import ProgressLine


def test_catalogue_progress_counts_each_episode_equally_with_its_reduce():
    stream = io.StringIO()
    progress = ProgressLine(stream, episodes=2)
    progress("a", "map", 3, 3)  # a: 3 of its 4 steps
    progress("b", "map", 0, 1)
    assert progress.share() == 0.375
    progress("a", "reduce", 1, 1)
    progress.done("a")
    progress("b", "map", 1, 1)
    assert progress.share() == 0.75
    assert stream.getvalue().splitlines()[-1].startswith("1/2 episodes · 75% · ")
