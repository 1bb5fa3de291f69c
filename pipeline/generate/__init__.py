"""The project's own generator of test plans (tests, benchmarks, data/raw).

A generated plan is a *truth* dict, written next to its renderings as
`<name>.truth.json`, in the contract's terms:

    {
      "seed": 7,
      "style": {"thai_digits": bool, "zero": "-" | "", "commas": bool,
                "font": "Garuda", ...},
      "plan": {fiscal_year_be, fiscal_year_ce, office, province, officer_name,
               officer_position, unit, plan_program, output_project,
               main_activity, responsible_entities, budget_received_thb,
               total_work, total_budget_thb, proposer_name, proposer_position,
               approver_name, approver_position},
      "activities": [{seq, code, parent_code, level, description,
                      target_work, target_budget_thb, page,
                      "months": [[work, budget], ... 12] | null}],
      "totals": {"target_work": int, "target_budget_thb": float,
                 "months": [[work, budget], ... 12]},
      "indicators": [{number, text, target_percent}]
    }

`officer_name`, `proposer_name`, `approver_name` carry the title prefix
(นาย/นาง/นางสาว) as printed; `responsible_entities` is the block's list items
joined with "\n"; `page` is the page the row starts on in the PDF rendering.
"""
