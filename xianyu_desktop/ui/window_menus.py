"""The main window's menus (文件, 帮助) and their actions; the window connects them. The actions that need
the profile start disabled until it is open."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow


class WindowMenus:
    def __init__(self, window: QMainWindow) -> None:
        menu = window.menuBar()
        file_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "文件(&F)"))
        # setShortcuts(StandardKey), not shortcut=: converting to a QKeySequence builds ~90 enum types (15 ms).
        self.settings = QAction(QCoreApplication.translate("MainWindow", "设置…"), window)
        self.settings.setShortcuts(QKeySequence.StandardKey.Preferences)
        self.settings.setObjectName("settingsAction")
        self.data_folder = QAction(QCoreApplication.translate("MainWindow", "打开数据文件夹"), window)
        self.audit = QAction(QCoreApplication.translate("MainWindow", "查看审计日志"), window)
        self.quit = QAction(QCoreApplication.translate("MainWindow", "退出"), window)
        self.quit.setShortcuts(QKeySequence.StandardKey.Quit)
        for action in (self.settings, self.data_folder, self.audit):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        help_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "帮助(&H)"))
        self.doctor = QAction(QCoreApplication.translate("MainWindow", "运行自检"), window)
        self.doctor.setObjectName("doctorAction")
        self.about = QAction(QCoreApplication.translate("MainWindow", "关于"), window)
        help_menu.addAction(self.doctor)
        help_menu.addAction(self.about)
        self.profile_actions = (self.settings, self.data_folder, self.audit, self.doctor)
        for action in self.profile_actions:
            action.setEnabled(False)
