"""Text rules shared by the window and the HTML reports: line breaking for mixed Chinese and
Latin text, and how numbers read. Pure Python at the bottom of the layering: no pygame, no game
state; the window passes its pygame fonts' measure in."""
