"""Scores a game against the rubric: objective KPIs, performance against the market, and
behaviour-based competency scores with the events behind them."""
