"""appeal_assistant app: the demo case end to end - files read, metrics, findings, notice, draft.

Run with `appeal-assistant app --demo DIR` (or `make run`). The page only gathers input and shows what
the core returns.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from appeal_assistant.app.state import (
    analyze_folder,
    compose,
    notice_files,
    optional,
    pending,
    question_text,
    read_notice_file,
)
from appeal_assistant.drafting.render import plan_stats, render_markdown, render_text
from appeal_assistant.models import MetricStatus

st.set_page_config(page_title="appeal_assistant", layout="wide")
st.title("appeal_assistant")
st.caption(
    "Account health and Plan of Action drafting. Everything runs on this machine; buyer data is dropped "
    "when files are read."
)

default_dir = os.environ.get("APPEAL_ASSISTANT_DEMO_DIR", ".demo")
folder = Path(st.sidebar.text_input("Report folder", value=default_dir, key="folder"))
if not folder.is_dir():
    st.error(
        f"Folder {str(folder)!r} does not exist. Create demo data with `appeal-assistant demo --out {folder}`."
    )
    st.stop()

report = analyze_folder(str(folder))
st.header("1. Files read")
files = pd.DataFrame(
    [
        {
            "file": Path(f.path).name,
            "kind": f.kind or "skipped",
            "rows read": f.rows_read,
            "rows rejected": f.rows_rejected,
            "buyer data dropped": ", ".join(f.dropped_columns),
            "note": (f.skipped_reason or "").removeprefix(f"{f.path}: "),
        }
        for f in report.files
    ]
)
st.dataframe(files, hide_index=True, width="stretch")
for warning in report.warnings:
    st.warning(warning)

st.header(f"2. Metrics as of {report.as_of}")
breaches = [m for m in report.metrics if m.status is MetricStatus.BREACH]
col1, col2 = st.columns(2)
col1.metric("Metrics computed", len(report.metrics))
col2.metric("Above target", len(breaches))
st.dataframe(
    pd.DataFrame(
        [
            {
                "status": m.status.value,
                "metric": m.label + (f" [{m.segment.split(':', 1)[1]}]" if m.segment else ""),
                "channel": m.channel.value.upper(),
                "days": m.window_days,
                "value": "" if m.value is None else f"{m.value * 100:.2f}%",
                "count": f"{m.numerator:,} / {m.denominator:,}",
                "target": ""
                if m.threshold is None
                else f"{'<' if m.direction == 'max' else '>='} {m.threshold * 100:.2f}%",
                "period": f"{m.date_from} .. {m.date_to}",
            }
            for m in report.metrics
        ]
    ),
    hide_index=True,
    width="stretch",
)

st.subheader("Findings")
for finding in report.findings[:15]:
    with st.expander(f"[{finding.severity.value}] {finding.title}"):
        st.write(finding.reason)
        if finding.order_ids:
            st.write("Orders: " + ", ".join(finding.order_ids[:5]))

st.header("3. Notice")
choices = notice_files(str(folder))
if not choices:
    st.info("No notice_*.txt in this folder: the draft below is a performance improvement plan.")
    notice = None
else:
    picked = st.selectbox("Notice", choices, key="notice_file")
    notice = read_notice_file(str(folder / picked))
    st.write(f"**Status:** {notice.status.value.replace('_', ' ')}  ")
    st.write("**Issues:** " + ", ".join(i.kind.value.replace("_", " ") for i in notice.issues))
    if notice.deadline_days or notice.deadline:
        st.write(f"**Deadline:** {notice.deadline or ''} ({notice.deadline_days} days)")
    if notice.asins:
        st.write("**ASINs:** " + ", ".join(notice.asins))
    if notice.requested_documents:
        st.write("**Requested:** " + ", ".join(d.kind.replace("_", " ") for d in notice.requested_documents))
    for signal in notice.phishing_signals:
        st.error(f"Possible phishing: {signal.kind.replace('_', ' ')} - {signal.evidence}")

st.header("4. Draft")
answers: dict[str, str] = st.session_state.setdefault("answers", {})
plan = compose(notice, report, answers)
questions = pending(plan)
if questions:
    st.write(f"The draft is **not ready**: {len(questions)} fact(s) only you can give.")
    with st.form("answers_form"):
        for qid in questions:
            ask, why = question_text(qid, notice, report, answers)
            st.text_area(ask, key=f"answer_{qid}", help=why)
        if st.form_submit_button("Update draft"):
            for qid in questions:
                value = st.session_state.get(f"answer_{qid}", "").strip()
                if value:
                    answers[qid] = value
            st.rerun()
else:
    st.success("Every fact the plan needs is known: the draft is ready to review.")
extra = optional(plan, answers)
if extra:
    with (
        st.expander(f"Optional: {len(extra)} fact(s) that add to the plan when you have them"),
        st.form("optional_form"),
    ):
        for qid in extra:
            ask, why = question_text(qid, notice, report, answers)
            st.text_area(ask, key=f"optional_{qid}", help=why)
        if st.form_submit_button("Add to the draft"):
            for qid in extra:
                value = st.session_state.get(f"optional_{qid}", "").strip()
                if value:
                    answers[qid] = value
            st.rerun()
text = render_text(plan)
stats = plan_stats(text)
st.caption(
    f"{stats['characters']} characters, {stats['words']} words, about {stats['reading_minutes']} min to read"
)
st.markdown(render_markdown(plan))
st.download_button("Download as text", text, file_name="plan_of_action.txt")
