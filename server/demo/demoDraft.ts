import type { JSONContent } from '@tiptap/core'
import { doc, heading, paragraph, recommendation } from '../documents/draftJson'

/** Title of the draft every new workspace starts with. */
export const DEMO_TITLE = 'Recommendations on ICT and IP Administration (draft for consultation)'

/**
 * The demo draft: ten recommendations with their actions, written for Accord on the themes a task force
 * on ICT strategy for IP offices works on. Illustrative wording only; not an official text.
 */
export function demoDraftContent(): JSONContent {
  return doc(
    heading(1, 'Introduction'),
    paragraph(
      'This draft sets out recommendations to help intellectual property offices plan and run their information ' +
        'and communication technology. It is circulated to members for comment before the committee considers it.',
    ),
    paragraph(
      'Each recommendation states an outcome that offices should aim for, followed by the actions an office can ' +
        'take to reach it. Offices are invited to adapt the actions to their size, mandate and resources.',
    ),
    heading(1, 'Recommendations'),
    recommendation(
      'Offices should move their core procedures to end-to-end electronic processing, from filing to publication and renewal.',
      [
        'Map each procedure for every type of IP right and remove steps that exist only because of paper files.',
        'Accept electronic filing for all procedures and make it the default channel for applicants.',
        'Review procedures that differ between types of IP right and, where possible, align them.',
      ],
    ),
    recommendation(
      'Offices should adopt a written ICT strategy that is tied to their business goals and reviewed at regular intervals.',
      [
        'Set out priorities, expected benefits and a funding plan for a period of three to five years.',
        'Assign clear ownership of the strategy at senior management level.',
        [
          'Take part in a forum of offices to exchange experience on ICT issues of common interest, covering:',
          ['shared challenges in system modernization;', 'lessons learned from large procurement projects.'],
        ],
      ],
    ),
    recommendation(
      'Offices should govern their data as a strategic asset, with defined owners, quality rules and retention periods.',
      [
        'Appoint data owners for bibliographic, legal status and image data.',
        'Measure data quality with published indicators and correct recurring errors at the source.',
        'Document retention and deletion rules in line with national law.',
      ],
    ),
    recommendation(
      'Offices should exchange data with each other and with users in open, machine-readable formats based on international standards.',
      [
        'Apply the relevant international standards for XML, legal status data and document images.',
        'Publish application programming interfaces with stable versions and clear documentation.',
        'Plan the migration of legacy formats with a timetable shared with data users.',
      ],
    ),
    recommendation(
      'Offices should run their systems on infrastructure that is resilient, scalable and cost-effective, whether on premises or in the cloud.',
      [
        'Assess workloads for suitability for cloud hosting, taking data protection and sovereignty requirements into account.',
        'Test business continuity and disaster recovery plans at least once a year.',
      ],
    ),
    recommendation(
      'Offices should protect their information and services against cyber threats with a risk-based security programme.',
      [
        'Adopt a recognised information security management framework and certify against it where feasible.',
        'Train all staff in security awareness every year.',
        [
          'Share information on threats and incidents with other offices through trusted channels, in particular:',
          ['indicators of compromise;', 'vulnerabilities in commonly used IP office software.'],
        ],
      ],
    ),
    recommendation(
      'Offices should design online services around the needs of applicants and the public, with secure digital identity and payment.',
      [
        'Involve users in the design and testing of new online services.',
        'Offer electronic identification and signatures that are accepted across services.',
        'Publish service levels and report on them.',
      ],
    ),
    recommendation(
      'Offices should make IP information freely available for reuse, in bulk and through search services.',
      [
        'Publish bulk data sets with clear licence terms and update schedules.',
        'Provide search tools that meet the needs of both specialists and first-time users.',
      ],
    ),
    recommendation(
      'Offices should build the skills their staff need to use new technology and manage change.',
      [
        'Identify skills gaps in ICT, data analysis and project management.',
        'Combine training with mentoring and the exchange of staff between offices.',
        'Communicate the reasons for change early and involve examiners in new tools from the start.',
      ],
    ),
    recommendation(
      'Offices should explore emerging technologies such as artificial intelligence and blockchain where they add clear value, treating each as a distinct discipline with its own opportunities and risks.',
      [
        'Start with pilot projects that have measurable objectives and an exit plan.',
        'Assess artificial intelligence tools for accuracy, bias and transparency before using them in examination.',
        'Evaluate blockchain for use cases such as evidence of use or priority documents only where a shared ledger solves a real problem.',
        'Share the results of pilots, including those that did not succeed.',
      ],
    ),
  )
}
