"""The sales-manager track (CW-62, CW-70..77): the trainee leads a team of simulated reps, each
playing the rep game in its own region, through hiring, key-account assignment, incentives,
coaching, standards, systems and playbooks."""
