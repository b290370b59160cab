"""Interview engine: head-of-sales hiring kit, CustDev interview and business systemic audit.

Pure logic only (no Telegram, no database). Import from the submodules:
`kinds` (the script and mode names), `content` (loading and checking the scripts; models in `script_models`),
`scorecard`, `audit`, `custdev`, `render` (result messages), `cards` (question screens), `export` (XLSX),
`export_pdf`, `evidence` (notes and answers behind a score, in words), `tokens` (candidate links).
Texts come from content/texts/interviews.ftl.
"""
