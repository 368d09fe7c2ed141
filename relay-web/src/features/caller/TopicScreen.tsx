import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceTopic } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { TOPIC_ORDER, TopicPictogram } from '../../components/TopicPictogram.tsx';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.ts';
import './topicWords.css';

/**
 * "What is it about?": the four 1999 services as large pictograms, each with the city's word (the one the
 * receipt and the interpreter use), plain words under it for callers who read little Chinese (問問題 / 找機關 /
 * 抱怨・建議 / 東西壞了) and an example; and skip.
 */
export function TopicScreen({ onPick, onBack }: { onPick: (topic: ServiceTopic | null) => void; onBack: () => void }): ReactElement {
  const { t } = useTranslation();
  const heading = useFocusOnMount();
  return (
    <section className="flow" aria-labelledby="topic-title">
      <h1 id="topic-title" ref={heading} tabIndex={-1}>
        {t('topic.title')}
      </h1>
      <p className="flow__lead">{t('topic.hint')}</p>
      <div className="topics">
        {TOPIC_ORDER.map((topic) => (
          <button key={topic} type="button" className="topic" data-testid={`topic-${topic}`} onClick={() => onPick(topic)}>
            <TopicPictogram topic={topic} className="topic__icon" />
            <span className="topic__name">{t(`topics.${topic}.name`)}</span>
            <span className="topic__plain" data-testid={`topic-plain-${topic}`}>
              {t(`topics.${topic}.hint`)}
            </span>
            <span className="topic__hint">{t(`topics.${topic}.example`)}</span>
          </button>
        ))}
      </div>
      <div className="flow__actions">
        <button type="button" className="button button--quiet" onClick={onBack} data-testid="flow-back">
          <Icon name="back" />
          <span>{t('flow.back')}</span>
        </button>
        <button type="button" className="button button--secondary button--large" data-testid="topic-skip" onClick={() => onPick(null)}>
          <span>{t('topic.skip')}</span>
          <Icon name="forward" />
        </button>
      </div>
    </section>
  );
}
