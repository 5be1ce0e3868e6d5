"""The starter scenario written by ``simulator new``: every feature of the format, once."""

from __future__ import annotations

STARTER = """\
# A starter scenario: every feature of the format appears once. Change the words, keep the shape.
# Reference: docs/scenario-format.md. Check it with:  simulator validate THIS_FILE
# yaml-language-server: $schema=SCHEMA_PATH
format: 1                          # format version: always 1 for now
id: my-first-scenario              # letters, digits, '-' and '_'
title: "The delayed delivery"
domain: retail
difficulty: easy                   # easy, medium or hard
channel: phone                     # face-to-face, phone, chat, email or social
minutes: 5
summary: >
  A customer's sofa was promised for Saturday and did not come. She took a day off to wait for it.
tags: [delivery, complaint]
skills: [scheduling]               # extra skill names, beyond the built-in ones

customer:                          # the brief the trainee reads before playing
  name: Ines Duarte
  about: "A nurse who swapped a shift to be at home on Saturday."
  portrait: ines                   # a bundled portrait, or an image file next to this scenario
  organization: "Casa Furniture, customer service desk"
  wants: "Her sofa, and her lost day back somehow."
  expects: "A new date and an apology."
  mood: 30                         # 0 furious ... 100 delighted
  yearly_value: 1500
  yearly_growth: 200
  years: 5                         # years counted in the lifetime value
  margin: 20                       # profit margin in percent
  currency: EUR

start: complaint

nodes:
  complaint:
    narration: "She puts the order confirmation on the counter and taps the date."
    customer: "Saturday, eight to twelve. I waited until four. Nobody came, nobody called."
    emotion: upset                 # overrides the face the mood would give
    discuss: "What does she need to hear before any new date?"
    weight: 2                      # the pivotal moment counts twice in the score
    replies:
      - say: "Deliveries are handled by our partner company, so I can't see their schedule."
        id: deliveries-are-handled
        level: low
        mood: -15
        skills: [clarity]
        feedback: "'So nobody is responsible. Great.' She folds her arms."
        goto: new_date
      - say: "I'm sorry you waited all day. Let me find out what happened to the van."
        id: sorry-waited-all
        level: standard
        mood: +5
        skills: [empathy]
        feedback: "She nods at the screen, waiting."
        goto: new_date
      - say: "You lost a whole Saturday. I'm sorry. Let me see the driver's log and fix a slot you choose."
        id: own_it                 # a stable name, so saved attempts replay after edits
        level: wow
        mood: +20
        skills: [empathy, ownership]
        sets: [owned_it]           # a flag that conditions can test later
        feedback: "Her shoulders drop a little. 'Thank you. That's all I wanted.'"
        goto: new_date

  new_date:
    customer: "So when does it come?"
    timeout:                       # the trainee has 40 seconds to answer
      seconds: 40
      mood: -10
      feedback: "She checks her watch, then her phone."
      goto: walks_out
    replies:
      - say: "The next free slot is in two weeks. I can book it now."
        id: next-free-slot
        level: low
        mood: -20
        skills: [clarity]
        feedback: "'Two weeks.' She picks up her bag."
        goto:
          - if: mood < 20          # conditions: mood < N, flags, and/or/not
            then: walks_out
          - else: grudging
      - say: "I can put you first on Tuesday's route, seven to nine, and the driver will call ahead."
        id: put-first-tuesdays
        level: wow
        mood: +15
        skills: [problem_solving, scheduling]
        feedback: "She takes out her phone to check her shifts."
        goto:
          - if: owned_it and mood >= 50
            then: delighted
          - else: grudging
      - say: "I'll ask the warehouse and call you back this afternoon with a date."
        id: ask-warehouse-call
        level: standard
        skills: [follow_up]
        feedback: "'This afternoon. Fine.' She writes your name down."
        goto: grudging
      - say: "I can waive the delivery fee because you know our manager, right?"
        id: waive-delivery-fee
        level: low
        if: not owned_it           # offered only when the condition holds
        breach: "offered a discount outside the refund policy"
        breach_cost: 40            # what the breach costs the business (the fee given away)
        feedback: "She frowns. 'I don't know your manager.'"
        goto: grudging

  delighted:
    customer: "Tuesday at seven. And you'll call? Then we're fine."
    ending:
      level: wow
      title: "Trust restored"
      feels: "Taken seriously."
      thinks: "They made a mistake, and then they made it right."
      returns: 85                  # how likely she is to come back, in percent

  grudging:
    customer: "I'll wait for the call, then."
    ending: {level: standard, title: "Rebooked", feels: "Tired.", thinks: "Let's see.", returns: 55}

  walks_out:
    customer: "Cancel it. I'll buy the sofa somewhere else."
    ending: {level: low, title: "Order cancelled", feels: "Ignored.", thinks: "Never again.", returns: 5}
"""


def starter_text(schema_path: str) -> str:
    return STARTER.replace("SCHEMA_PATH", schema_path)
