"""The question asked when a section with subsections is picked or unpicked.

Its answers name what the export then does: a section picked on its own exports only its own
text; its subsections come into the briefing only when they are picked too (each then at its
place in the briefing's order). Cancel, or Escape, leaves every pick as it was.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from briefing.core.model import Section

PICK_ALL = "Pick with Subsections"
PICK_ALONE = "This Section Only"
UNPICK_ALL = "Unpick All"
KEEP_SUBSECTIONS = "Keep Subsections Picked"


def ask_about_subsections(parent: QWidget | None, section: Section, picked: bool) -> bool | None:
    """True: do the subsections too; False: this section only; None: cancelled."""
    others = sum(1 for sub in section.walk() if sub is not section and sub.picked != picked)
    count = "1 subsection" if others == 1 else f"{others} subsections"
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    if picked:
        box.setWindowTitle("Pick section")
        box.setText(f"Pick \u201c{section.label}\u201d with its {count}?")
        box.setInformativeText(
            f"With its subsections, the briefing gives the whole section. On its own, the "
            f"briefing gives only the text of \u201c{section.label}\u201d, without its "
            f"{count}.")
        both, alone = PICK_ALL, PICK_ALONE
    else:
        picked_count = count.replace("subsection", "picked subsection")
        box.setWindowTitle("Unpick section")
        box.setText(f"Unpick the {picked_count} of \u201c{section.label}\u201d too?")
        box.setInformativeText(
            "Subsections that stay picked stay in the briefing, each on its own.")
        both, alone = UNPICK_ALL, KEEP_SUBSECTIONS
    both_button = box.addButton(both, QMessageBox.ButtonRole.YesRole)
    alone_button = box.addButton(alone, QMessageBox.ButtonRole.NoRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(both_button)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is both_button:
        return True
    if clicked is alone_button:
        return False
    return None
