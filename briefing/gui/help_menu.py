"""The Help menu's commands for the main window: the user guide and the shortcut list."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from briefing.gui.help_guide import HelpDialog, show_guide
from briefing.gui.settings import AppSettings
from briefing.gui.shortcuts_dialog import ShortcutsDialog


class HelpMixin(QMainWindow):
    """Opens the guide beside the work (one window, raised again on F1) and the shortcut list."""

    settings: AppSettings
    help_dialog: HelpDialog | None = None
    """The user guide window, once opened."""

    def show_user_guide(self) -> HelpDialog:
        """Help → User Guide (F1): the guide in a window beside the work."""
        self.help_dialog = show_guide(self, self.settings, self.help_dialog)
        return self.help_dialog

    def show_shortcuts(self) -> None:
        """Help → Keyboard Shortcuts…: the shortcuts as the actions have them now."""
        dialog = ShortcutsDialog(self)
        dialog.exec()
        dialog.deleteLater()
