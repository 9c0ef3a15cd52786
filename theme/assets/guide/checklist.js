/* Checklists: filled in by the checklist feature. */
