import type { Attachment } from 'botbuilder';
import { cardAttachment } from './render';

export interface NoticeCardData {
  title: string;
  text: string;
  /** Container style of the title band. Default `good`. */
  style?: 'good' | 'default' | 'emphasis' | 'accent' | 'warning';
  facts?: { title: string; value: string }[];
  note?: string;
}

/** The data of `templates/notice.json`: `NoticeCardData` with every field present. */
export type NoticeCard = Required<NoticeCardData>;

/** Data for `templates/notice.json`: short confirmations ("Subscribed", "Policy updated"). */
export function noticeCardData(data: NoticeCardData): NoticeCard {
  return {
    title: data.title,
    text: data.text,
    style: data.style ?? 'good',
    facts: data.facts ?? [],
    note: data.note ?? '',
  };
}

export function noticeCard(data: NoticeCardData): Attachment {
  return cardAttachment('notice', noticeCardData(data));
}
