/* Quizzes: filled in by the quiz feature. */
